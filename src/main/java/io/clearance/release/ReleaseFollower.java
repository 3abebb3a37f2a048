package io.clearance.release;

import io.clearance.engine.LoadAttempt;
import io.clearance.engine.PolicyEngine;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Keeps this instance serving the rule set released last, whichever instance released it: several instances
 * on one database read the same release history, and a release recorded by one is served by the others
 * within a poll interval and a compile ({@code clearance.policy.follow-interval}, a second by default; the
 * scheduler takes no shorter period).
 *
 * <p>Why a poll and not PostgreSQL's {@code LISTEN/NOTIFY}: a release is rare, the query reads one indexed row,
 * and the same code then serves H2 and PostgreSQL alike; the release itself is the durable record either way.
 *
 * <p>Only releases recorded after the last one this instance saw are followed, so a rule set served by other
 * means (a test driving the engine directly) is left alone. A release made here is already serving by the time
 * this instance sees its row (releasing and following take turns), so following it is a no-op.
 */
@ApplicationScoped
public class ReleaseFollower {

    private static final Logger LOG = Logger.getLogger(ReleaseFollower.class);

    private final PolicyEngine engine;
    private final PolicyRelease release;
    private final ReleaseHistory history;
    private final Set<String> unservable = new HashSet<>();
    private long lastSeen = -1;

    ReleaseFollower(PolicyEngine engine, PolicyRelease release, ReleaseHistory history) {
        this.engine = engine;
        this.release = release;
        this.history = history;
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
