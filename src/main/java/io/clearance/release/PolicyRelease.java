package io.clearance.release;

import io.clearance.audit.changes.ChangeLog;
import io.clearance.engine.LoadAttempt;
import io.clearance.engine.PolicyEngine;
import io.clearance.engine.RuleSet;
import io.clearance.engine.RulesChanged;
import io.clearance.registry.outbox.Notices;
import io.clearance.security.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Puts rule sets in service on purpose. Every path into service (start, reload, watcher, promote, activate)
 * goes through the release gate and is recorded in the database before the version serves; a restart
 * serves the newest recorded version, whatever the rules folder holds by then, and says so.
 */
@ApplicationScoped
public class PolicyRelease {

    private static final Logger LOG = Logger.getLogger(PolicyRelease.class);

    private final PolicyEngine engine;
    private final ReleaseGate gate;
    private final ReleaseHistory history;
    private final ChangeLog changes;
    // The content of the rules folder as last read: the watcher loads only a change of content, so that a
    // bare `touch` never replaces a promoted or activated version with the files.
    private volatile String lastDiskVersion;
    private volatile Activation restored;
    // Releases here and the follower of other instances' releases take turns, so that the follower never sees
    // a release of this instance recorded but not yet serving and serves it a second time.
    private final ReentrantLock releasing = new ReentrantLock();
    private final Notices notices;
    // Whether the release under way (the lock held) recorded a release: the other instances are then woken.
    private boolean recorded;

    PolicyRelease(PolicyEngine engine, ReleaseGate gate, ReleaseHistory history, ChangeLog changes, Notices notices) {
        this.engine = engine;
        this.gate = gate;
        this.history = history;
        this.changes = changes;
        this.notices = notices;
    }

    /**
     * Serves the newest released version, or, when none can serve, the rules folder (a step of {@link
     * io.clearance.startup.Startup}).
     */
    public void start() {
        exclusively(() -> {
            startHeld();
            return null;
        });
    }

    private void startHeld() {
        Optional<String> disk = engine.diskVersion();
        lastDiskVersion = disk.orElse(null);
        Optional<Activation> last = history.latest();
        if (last.isPresent()) {
            Activation released = last.get();
            try {
                Optional<RuleSet> stored = engine.ruleSet(released.version());
                if (stored.isPresent()) {
                    engine.restoreAtStartup(stored.get());
                    restored = released;
                    if (disk.isPresent() && !disk.get().equals(released.version())) {
                        LOG.warnf(
                                "serving policy version %s as released (%s by %s at %s); %s on disk is version %s,"
                                        + " which differs and does not serve: GET /v1/policy shows the difference,"
                                        + " POST /v1/policy/reload releases it",
                                released.version(),
                                released.how(),
                                released.actor(),
                                released.activatedAt(),
                                engine.rulesDir().toAbsolutePath(),
                                disk.get());
                    }
                    return;
                }
                LOG.errorf(
                        "released policy version %s is not stored; serving %s instead",
                        released.version(), engine.rulesDir().toAbsolutePath());
            } catch (RuntimeException e) {
                // A stored rule set that no longer compiles (the fact model changed in an upgrade).
                LOG.errorf(
                        "released policy version %s cannot be compiled any more (%s); serving %s instead",
                        released.version(), e.getMessage(), engine.rulesDir().toAbsolutePath());
            }
        }
        String previous = last.map(Activation::version).orElse(null);
        engine.loadAtStartup((candidate, trigger) -> {
            ReleaseGate.Result result = gate.check(candidate);
            if (!result.passed()) {
                // Refusing to start would leave nothing to serve; the history and GET /v1/policy say it.
                LOG.warnf(
                        "serving %s at start although it fails the release gate:\n  %s",
                        candidate.version(),
                        String.join("\n  ", result.summary().failures()));
            }
            recorded = true;
            history.record(new Activation(
                    candidate.version(),
                    Instant.now(),
                    Actor.SYSTEM.id(),
                    LoadAttempt.Trigger.STARTUP,
                    previous == null ? "first start: the rules folder" : "the released version could not serve",
                    false,
                    null,
                    result.summary(),
                    previous));
        });
    }

    /** Reads the rules folder and releases it through the gate. */
    public LoadAttempt reload(Actor actor, ReleaseOptions options) {
        return exclusively(() -> {
            Optional<String> disk = engine.diskVersion();
            try {
                return engine.reload(LoadAttempt.Trigger.RELOAD, check(actor, options));
            } finally {
                disk.ifPresent(v -> lastDiskVersion = v);
            }
        });
    }

    /** Releases the shadow through the gate; empty when there is no shadow. */
    public Optional<LoadAttempt> promote(Actor actor, ReleaseOptions options) {
        return exclusively(() -> engine.promoteShadow(check(actor, options)));
    }

    /**
     * Serves a stored version again through the gate: a rollback when it served before.
     *
     * @return empty when no such version was ever stored
     */
    public Optional<LoadAttempt> activate(String version, Actor actor, ReleaseOptions options) {
        return exclusively(() -> {
            LoadAttempt.Trigger how =
                    history.everServed(version) ? LoadAttempt.Trigger.ROLLBACK : LoadAttempt.Trigger.ACTIVATE;
            return engine.serveStored(version, how, check(actor, options));
        });
    }

    /** What the folder watcher announces; public so that a test can announce a `touch` without waiting. */
    public void onRulesChanged(@Observes RulesChanged change) {
        exclusively(() -> {
            onRulesChangedHeld();
            return null;
        });
    }

    private void onRulesChangedHeld() {
        Optional<String> disk = engine.diskVersion();
        if (disk.isEmpty() || disk.get().equals(lastDiskVersion)) {
            LOG.debugf("files touched in %s, content unchanged since last read", engine.rulesDir());
            return;
        }
        lastDiskVersion = disk.get();
        String before = engine.served() == null ? null : engine.active().version();
        try {
            LoadAttempt attempt = engine.reload(
                    LoadAttempt.Trigger.WATCHER,
                    check(Actor.SYSTEM, new ReleaseOptions("the folder watcher saw the files change", false, null)));
            if (attempt.outcome() != LoadAttempt.Outcome.REJECTED) {
                // As for POST /v1/policy/reload: what changed what serves is attributed, here to the watcher.
                changes.record(
                        io.clearance.security.Actor.WATCHER,
                        "policy.reload",
                        "policy",
                        before == null ? null : Map.of("version", before),
                        attempt);
            }
        } catch (RuleSetFailedTestsException e) {
            LOG.warn(e.getMessage()); // recorded as a refused attempt; the author fixes the files or the tests
        }
    }

    /** Runs {@code follow} unless a release is under way here; the follower then looks again at its next turn. */
    void ifIdle(Runnable follow) {
        if (releasing.tryLock()) {
            try {
                follow.run();
            } finally {
                releasing.unlock();
            }
        }
    }

    /** Runs {@code follow} once no release is under way here (a wake-up's turn: it waits for it). */
    void whenIdle(Runnable follow) {
        releasing.lock();
        try {
            follow.run();
        } finally {
            releasing.unlock();
        }
    }

    private <T> T exclusively(Supplier<T> release) {
        releasing.lock();
        recorded = false;
        try {
            return release.get();
        } finally {
            // Once the version serves here, and so is stored for the others to read (a notice sent when the
            // release is recorded, before the rule set is stored, would find nothing to serve yet).
            boolean wake = recorded;
            recorded = false;
            releasing.unlock();
            if (wake) {
                notices.announce(ReleaseFollower.CHANNEL);
            }
        }
    }

    /** The newest release, the one serving. */
    public Optional<Activation> current() {
        return history.latest();
    }

    /** The release a restart served from the database, when it did. */
    public Optional<Activation> restoredAtStartup() {
        return Optional.ofNullable(restored);
    }

    private PolicyEngine.BeforeServing check(Actor actor, ReleaseOptions options) {
        return (candidate, how) -> {
            ReleaseGate.Result result = gate.check(candidate);
            String serving = engine.served() == null ? null : engine.active().version();
            if (!result.passed() && !options.force()) {
                throw new RuleSetFailedTestsException(
                        candidate.version(), serving, result.summary(), result.failures());
            }
            if (!result.passed()) {
                LOG.warnf(
                        "rule set %s released by %s despite the release gate (%s): %s",
                        candidate.version(),
                        actor.id(),
                        options.reason(),
                        result.summary().failures());
            }
            recorded = true;
            history.record(new Activation(
                    candidate.version(),
                    Instant.now(),
                    actor.id(),
                    how,
                    options.message(),
                    options.force(),
                    options.force() ? options.reason() : null,
                    result.summary(),
                    serving));
        };
    }
}
