package io.clearance.startup;

import io.clearance.ClearanceConfig;
import io.clearance.audit.AuditLog;
import io.clearance.engine.PolicyWatcher;
import io.clearance.registry.RegistryData;
import io.clearance.registry.RegistryService;
import io.clearance.registry.io.RegistryFile;
import io.clearance.registry.outbox.InstanceId;
import io.clearance.release.PolicyRelease;
import io.clearance.watch.WatchService;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.jboss.logging.Logger;

/**
 * What the server does before it takes a request, in this order, each step logged:
 *
 * <ol>
 *   <li>side by side, as neither needs the other (the rules decide nothing until the server takes requests,
 *       the registry's writes at start re-decide nothing, as no watch is loaded yet, and a release records
 *       itself in the change log, not in the decision chain):
 *       <ul>
 *         <li>{@code policy engine}: serve the newest released version recorded in the database, or else
 *             compile {@code rules/} through the release gate; a rule set that does not compile stops the start;
 *         <li>{@code audit log}: find the end of the hash chain, so that the first decision continues it, and
 *             claim this instance's id; then {@code demo registry}: seed an empty registry with the demo data,
 *             when configured (its outbox rows carry the id), then {@code ownership graph}: mirror the
 *             registry into the in-memory graph decisions read;
 *       </ul>
 *   <li>{@code watches}: load the stored watches and decide their parties, so that the first registry change
 *       is compared with what was decided before it;
 *   <li>{@code policy watcher}: watch {@code rules/} and {@code policies/} for edits, when configured.
 * </ol>
 *
 * The one place the start-up order is written; the steps are plain methods of their components.
 */
@ApplicationScoped
public class Startup {

    private static final Logger LOG = Logger.getLogger(Startup.class);

    private final AuditLog audit;
    private final PolicyRelease release;
    private final RegistryService registry;
    private final PolicyWatcher watcher;
    private final WatchService watches;
    private final ClearanceConfig config;
    private final InstanceId outboxName;

    Startup(
            AuditLog audit,
            PolicyRelease release,
            RegistryService registry,
            PolicyWatcher watcher,
            WatchService watches,
            ClearanceConfig config,
            InstanceId outboxName) {
        this.audit = audit;
        this.release = release;
        this.registry = registry;
        this.watcher = watcher;
        this.watches = watches;
        this.config = config;
        this.outboxName = outboxName;
    }

    void onStart(@Observes StartupEvent event) throws Exception {
        sideBySide(() -> step("policy engine", release::start), () -> {
            step("audit log", audit::start);
            // The registry's changes carry the name the audit log claimed, so one instance has one name
            // everywhere: the demo registry is written only once the audit log has claimed it.
            outboxName.name(audit.instanceId());
            step("demo registry", this::seedDemoRegistry);
            step("ownership graph", registry::loadGraph);
        });
        step("watches", watches::start);
        step("policy watcher", watcher::start);
    }

    /** One step of the start: a failure stops the start, named. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    private static void step(String name, Step step) throws Exception {
        long started = System.nanoTime();
        try {
            step.run();
        } catch (Exception | Error e) {
            LOG.errorf("start-up step `%s` failed; the server does not start", name);
            throw e;
        }
        LOG.infof("start-up step `%s` done in %d ms", name, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Runs {@code first} here and {@code second} on a thread of its own, and returns when both are done; a
     * failure of either stops the start (the first failure is thrown, after both ended).
     */
    static void sideBySide(Step first, Step second) throws Exception {
        FutureTask<Void> other = new FutureTask<>(() -> {
            second.run();
            return null;
        });
        Thread thread = new Thread(other, "start-up");
        thread.start();
        Exception failed = null;
        try {
            first.run();
        } catch (Exception e) {
            failed = e;
        }
        try {
            other.get();
        } catch (ExecutionException e) {
            if (failed == null) {
                failed = e.getCause() instanceof Exception cause ? cause : new IllegalStateException(e.getCause());
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    /** Loads the demo registry into an empty registry, when configured; never into one that holds parties. */
    private void seedDemoRegistry() throws IOException {
        if (!config.demoRegistry().enabled() || registry.partyCount() != 0) {
            return;
        }
        RegistryData demo = readDemo(config.demoRegistry().source());
        demo.parties().forEach(p -> registry.putParty(p.toInfo()));
        demo.stakes().forEach(s -> registry.putStake(s.owned(), s.owner(), s.terms()));
        LOG.infof(
                "loaded the demo registry: %d parties, %d stakes",
                demo.parties().size(), demo.stakes().size());
    }

    private static RegistryData readDemo(String source) throws IOException {
        Path file = Path.of(source);
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                return RegistryFile.readData(in);
            }
        }
        try (InputStream in = Startup.class.getClassLoader().getResourceAsStream(source)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("no demo registry at `" + source + "`"));
            }
            return RegistryFile.readData(in);
        }
    }
}
