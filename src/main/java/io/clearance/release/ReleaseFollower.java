package io.clearance.release;

import io.clearance.engine.LoadAttempt;
import io.clearance.engine.PolicyEngine;
import io.clearance.registry.outbox.Notices;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps this instance serving the rule set released last, whichever instance released it: several instances
 * on one database read the same release history, and a release recorded by one is served by the others.
 *
 * <p>On PostgreSQL the releasing instance sends a {@code NOTIFY} on {@link #CHANNEL} once the version serves
 * there (so it is stored), and this instance is woken at once by the registry's listening connection ({@link
 * Notices}): it reads the newest release and serves it, loading a rule set it compiled before from the
 * compiled-rule cache rather than compiling it. The poll ({@code clearance.policy.follow-interval}, a second by
 * default) stays as the fallback for a notice that was lost and is the only way on H2; the release history
 * is the durable record either way.
 *
 * <p>Only releases recorded after the last one this instance saw are followed, so a rule set served by other
 * means (a test driving the engine directly) is left alone. A release made here is already serving by the time
 * this instance sees its row (releasing and following take turns), so following it is a no-op.
 */
@ApplicationScoped
public class ReleaseFollower {

    private static final Logger LOG = Logger.getLogger(ReleaseFollower.class);

    /** The {@code NOTIFY} channel of releases; a notice carries nothing, the history is what is read. */
    public static final String CHANNEL = "clearance_policy";

    private final PolicyEngine engine;
    private final PolicyRelease release;
    private final ReleaseHistory history;
    private final Set<String> unservable = new HashSet<>();
    private long lastSeen = -1;

    // Follows on a notice off the listener's thread, which must go back to listening; one wake-up queued at most.
    private final ExecutorService woken = new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(1),
            runnable -> {
                Thread thread = new Thread(runnable, "clearance-policy-follower");
                thread.setDaemon(true);
                return thread;
            },
            new ThreadPoolExecutor.DiscardPolicy());

    ReleaseFollower(PolicyEngine engine, PolicyRelease release, ReleaseHistory history, Notices notices) {
        this.engine = engine;
        this.release = release;
        this.history = history;
        notices.subscribe(CHANNEL, this::woken);
    }

    /** Created with the application, so that it listens before the first release. */
    void onStart(@Observes StartupEvent started) {
        // nothing more: being created subscribed it
    }

    // A release was announced: follow once no release is under way here. A wake-up already queued reads every
    // release recorded by the time it runs, so a further one while it waits is dropped.
    private void woken() {
        woken.execute(() -> {
            if (engine.served() != null) {
                release.whenIdle(this::follow);
            }
        });
    }

    @PreDestroy
    void stop() {
        woken.shutdownNow();
    }

    @Scheduled(
            identity = "policy-follower",
            every = "${clearance.policy.follow-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (engine.served() == null) {
            return; // still starting: the start-up step serves the newest release itself
        }
        release.ifIdle(this::follow);
    }

    /** Serves the newest release recorded since the last look, when it is not what serves. */
    synchronized void follow() {
        Optional<ReleaseHistory.Numbered> newest = history.newestAfter(lastSeen);
        if (newest.isEmpty()) {
            return;
        }
        Activation activation = newest.get().activation();
        String version = activation.version();
        if (version.equals(engine.active().version())) {
            lastSeen = newest.get().id();
            return;
        }
        try {
            Optional<LoadAttempt> attempt =
                    engine.serveStored(version, LoadAttempt.Trigger.FOLLOW, PolicyEngine.NO_CHECK);
            if (attempt.isEmpty()) {
                // The releasing instance records the release before it stores the rule set; look again next time.
                return;
            }
            lastSeen = newest.get().id();
            LOG.infof(
                    "serving policy version %s, released by %s (%s) on another instance",
                    version, activation.actor(), activation.how());
        } catch (RuntimeException e) {
            // A rule set this build cannot compile (a newer fact model during a rolling upgrade): keep serving
            // what serves, say it once, and follow the next release.
            lastSeen = newest.get().id();
            if (unservable.add(version)) {
                LOG.errorf(
                        "policy version %s was released on another instance but cannot serve here (%s); still"
                                + " serving %s",
                        version, e.getMessage(), engine.active().version());
            }
        }
    }
}
