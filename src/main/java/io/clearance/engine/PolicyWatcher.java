package io.clearance.engine;

import io.clearance.ClearanceConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * A development tool: announces changes to files under the rules or policies folder ({@link RulesChanged}),
 * so that an author sees an edit decide the next request. On in {@code quarkus:dev} and with
 * {@code clearance.policy.watch=true}; off by default in the packaged server and the Docker image, where
 * {@code POST /v1/policy/reload} loads the files deliberately. Changes are debounced: an editor that writes
 * a file in several steps announces one change, after the configured quiet time. The reload runs on this
 * watcher's thread, never on a request thread.
 */
@ApplicationScoped
public class PolicyWatcher {

    private static final Logger LOG = Logger.getLogger(PolicyWatcher.class);

    private final Event<RulesChanged> changes;
    private final ClearanceConfig config;
    private WatchService watcher;
    private ScheduledExecutorService reloads;
    private ScheduledFuture<?> pending;

    PolicyWatcher(Event<RulesChanged> changes, ClearanceConfig config) {
        this.changes = changes;
        this.config = config;
    }

    /** Starts watching, when configured (a step of {@link io.clearance.startup.Startup}). */
    public void start() throws IOException {
        if (!config.policy().watch()) {
            return;
        }
        watcher = FileSystems.getDefault().newWatchService();
        register(config.rulesDir());
        register(config.policiesDir());
        reloads = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "clearance-policy-watcher");
            thread.setDaemon(true);
            return thread;
        });
        Thread loop = new Thread(this::watch, "clearance-policy-watch-events");
        loop.setDaemon(true);
        loop.start();
        LOG.infof(
                "watching %s and %s for changes",
                config.rulesDir().toAbsolutePath(), config.policiesDir().toAbsolutePath());
    }

    void onStop(@Observes ShutdownEvent event) throws IOException {
        if (watcher != null) {
            watcher.close();
            reloads.shutdownNow();
        }
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE
                            && event.context() instanceof Path created) {
                        Path full = ((Path) key.watchable()).resolve(created);
                        if (Files.isDirectory(full)) {
                            register(full);
                        }
                    }
                }
                key.reset();
                scheduleReload();
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // shutting down
        } catch (IOException e) {
            LOG.error("the policy watcher stopped; use POST /v1/policy/reload", e);
        }
    }

    private synchronized void scheduleReload() {
        if (pending != null) {
            pending.cancel(false);
        }
        pending = reloads.schedule(
                () -> {
                    try {
                        changes.fire(new RulesChanged());
                    } catch (RuntimeException e) {
                        // A refused rule set is recorded and logged by the release service; keep watching.
                        LOG.debug("the watched change was not served", e);
                    }
                },
                config.watch().debounce().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void register(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> folders = Files.walk(root)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                folder.register(
                        watcher,
                        StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
    }
}
