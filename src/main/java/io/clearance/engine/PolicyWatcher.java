package io.clearance.engine;

import io.clearance.ClearanceConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
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
 * Reloads the rule set when files under the rules or policies folder change. Changes are debounced: an
 * editor that writes a file in several steps triggers one reload, after the configured quiet time. The
 * reload itself runs on this watcher's thread, never on a request thread.
 */
@ApplicationScoped
public class PolicyWatcher {

    private static final Logger LOG = Logger.getLogger(PolicyWatcher.class);

    private final PolicyEngine engine;
    private final ClearanceConfig config;
    private WatchService watcher;
    private ScheduledExecutorService reloads;
    private ScheduledFuture<?> pending;

    PolicyWatcher(PolicyEngine engine, ClearanceConfig config) {
        this.engine = engine;
        this.config = config;
    }

    /** Starts watching, when configured (a step of {@link io.clearance.startup.Startup}). */
    public void start() throws IOException {
        if (!config.watch().enabled()) {
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
                () -> engine.reload(LoadAttempt.Trigger.WATCHER),
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
