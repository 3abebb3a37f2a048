package io.clearance.watch;

import io.clearance.decision.Decider;
import io.clearance.engine.LoadAttempt;
import io.clearance.engine.PolicyEngine;
import io.clearance.engine.RuleSet;
import io.clearance.engine.facts.BannedJurisdiction;
import io.clearance.ownership.graph.Descendants;
import io.clearance.ownership.graph.GraphChangeListener;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.ownership.graph.ReloadChanges;
import io.clearance.ownership.graph.ReloadOrigin;
import io.clearance.registry.identity.PartyIdentifiers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Computes {@code decision.changed} events: which watched party's decision for which action a change
 * flipped, from what to what, and why. It keeps the last decision of every watched party for every action
 * (the baseline); after a change it re-decides only the watched parties the change can have touched and
 * fires one {@link WatchEvent} per (party, action) whose outcome differs, then keeps the new outcome.
 *
 * <p>What it hears of: registry changes through the graph ({@link GraphChangeListener}: the changed parties
 * and their {@link Descendants} are the only ones whose decision can have moved; a reload, such as an
 * import, re-decides the parties it changed and theirs, found by comparing the replaced table with the new
 * one, see {@link ReloadChanges}); a new serving rule set ({@link LoadAttempt} activated: any decision may
 * change, so every followed party is decided again, in chunks); and time, when a dated stake or ban comes
 * into or out of force (looked for every {@code clearance.watches.force-check}; only the parties it can
 * touch are decided again, see {@link ForceChanges}). The graph's listener only queues the work: deciding
 * runs on this class's own thread, never inside the graph's write lock, in the order the changes were made.
 * Each event names its change twice: in words ({@code cause}) and for a machine ({@link WatchChange}); an
 * import's reload names the import job on every instance, as the outbox row the reload followed recorded it.
 * How many parties each kind of change had decided again is counted ({@code clearance.watches.decided}, by
 * {@code cause}).
 */
@ApplicationScoped
public class DecisionChanges implements GraphChangeListener {

    private static final Logger LOG = Logger.getLogger(DecisionChanges.class);

    /** Followed parties a pass over many (a rule set's) decides in one task of the worker. */
    static final int CHUNK = 1_000;

    /** What had parties decided again; the {@code cause} tag of {@code clearance.watches.decided}. */
    public enum Cause {
        FOLLOW,
        REGISTRY,
        RELOAD,
        FORCE,
        RULE_SET;

        String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final OwnershipGraph graph;
    private final PolicyEngine engine;
    private final PartyIdentifiers identifiers;
    private final Event<WatchEvent> events;
    private final WatchConfig config;
    // invariant: lastForceCheck is read and written on this thread only.
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "clearance-watch-decisions");
        thread.setDaemon(true);
        return thread;
    });
    // invariant: the baseline is read and written on the worker thread only.
    private final WatchedDecisions baseline;
    private volatile List<Watch> watches = List.of();
    private final AtomicReference<ReloadChanges> pendingReload = new AtomicReference<>();
    private final Map<Cause, Counter> decided = new EnumMap<>(Cause.class);
    private long lastForceCheck;
    // invariant: read and written on the worker thread only; a rule-set pass whose number is no longer this
    // one stops.
    private long ruleSetPass;
    // Passes in chunks started and not yet finished or superseded: what settle waits for.
    private final AtomicInteger passesRunning = new AtomicInteger();
    private boolean started;

    DecisionChanges(
            OwnershipGraph graph,
            PolicyEngine engine,
            Decider decider,
            PartyIdentifiers identifiers,
            Event<WatchEvent> events,
            WatchConfig config,
            MeterRegistry metrics) {
        this.graph = graph;
        this.engine = engine;
        this.identifiers = identifiers;
        this.events = events;
        this.config = config;
        this.baseline = new WatchedDecisions(graph, decider, this::watched, events::fire);
        for (Cause cause : Cause.values()) {
            decided.put(
                    cause,
                    Counter.builder("clearance.watches.decided")
                            .description("Followed parties decided again to find the decisions a change flipped,"
                                    + " by what changed")
                            .tag("cause", cause.tag())
                            .register(metrics));
        }
    }

    /** How many parties {@code cause} has had decided again since the start: what tests and operators read. */
    public double decided(Cause cause) {
        return decided.get(cause).count();
    }

    /** Starts listening, once the graph and the rule set serve; {@code current} are the stored watches. */
    synchronized void start(List<Watch> current) {
        if (started) {
            return;
        }
        started = true;
        graph.addListener(this);
        watches = List.copyOf(current);
        worker.execute(() -> {
            lastForceCheck = graph.now().getEpochSecond();
            follow();
        });
        long period = Math.max(1, config.forceCheck().toMillis());
        worker.scheduleWithFixedDelay(this::checkForce, period, period, TimeUnit.MILLISECONDS);
    }

    /** The watches changed: parties newly watched get their baseline (no events), others are dropped. */
    void watchesChanged(List<Watch> current) {
        watches = List.copyOf(current);
        worker.execute(this::follow);
    }

    /**
     * Waits until every change heard so far is processed, a rule-set pass to its last chunk: for tests and an
     * orderly stop.
     */
    public void settle() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        try {
            do {
                worker.submit(() -> {}).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } while (passesRunning.get() > 0);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the watch worker did not settle", e);
        }
    }

    @Override
    public void changed(Kind kind, List<String> roots) {
        if (watches.isEmpty()) {
            return; // nobody watches: no work queued on a registry write
        }
        List<String> changed = List.copyOf(roots);
        // Read now, in the write lock: by the time the worker comes to it, later changes may have raised the
        // graph's version, by a different count on each instance, and the event (its id) would differ by it.
        long version = graph.changingTo();
        worker.execute(() -> recheck(kind, changed, version));
    }

    @Override
    public void reloaded(ReloadChanges changes) {
        if (watches.isEmpty()) {
            return; // nobody watches: the replaced table is not kept
        }
        // Reloads the worker has not come to yet are merged: one replaced table is kept, however many came.
        if (pendingReload.getAndAccumulate(changes, (earlier, later) -> earlier == null ? later : later.since(earlier))
                == null) {
            worker.execute(this::recheckReload);
        }
    }

    void ruleSetChanged(@Observes LoadAttempt attempt) {
        if (attempt.outcome() == LoadAttempt.Outcome.ACTIVATED && !watches.isEmpty()) {
            passesRunning.incrementAndGet();
            // Any decision may have changed: every party followed when the pass begins is decided again.
            WatchChange change = WatchChange.ruleSet(
                    attempt.version(), attempt.trigger().name().toLowerCase(Locale.ROOT));
            worker.execute(() -> chunk(
                    baseline.followed(), 0, ++ruleSetPass, "rule-set " + attempt.version(), change, Cause.RULE_SET));
        }
    }

    /**
     * One chunk of a pass over many parties (a rule set's, or a change of force that touched many):
     * {@link #CHUNK} parties decided again, the next chunk queued behind the changes heard meanwhile. A
     * registry change during a pass over millions of parties is so not held up behind it; each decision
     * holds the graph's read lock for itself only, on this thread, never a serving one. A later rule set's
     * pass supersedes a rule set's pass ({@code pass} no longer the last), as it decides every party again.
     *
     * @param pass the rule-set pass, or 0 for a pass no other supersedes
     */
    private void chunk(List<String> parties, int from, long pass, String cause, WatchChange change, Cause counted) {
        boolean last = true;
        try {
            if (pass != 0 && pass != ruleSetPass) {
                return;
            }
            int to = Math.min(parties.size(), from + CHUNK);
            compare(parties.subList(from, to), cause, change, counted);
            if (to < parties.size()) {
                worker.execute(() -> chunk(parties, to, pass, cause, change, counted));
                last = false;
            }
        } catch (RuntimeException e) {
            LOG.errorf("watch: a %s could not be re-decided: %s", counted.tag(), e.toString());
        } finally {
            if (last) {
                passesRunning.decrementAndGet();
            }
        }
    }

    private void recheck(Kind kind, List<String> roots, long version) {
        try {
            // A touched party newly watched (a new party, a new identifier) gets its baseline in compare.
            Collection<String> touched =
                    kind == Kind.RELOAD ? baseline.followed() : graph.read(() -> Descendants.of(graph, roots));
            WatchChange change = kind == Kind.RELOAD
                    ? WatchChange.reload(ReloadOrigin.of(version, List.of(), "registry reloaded"))
                    : WatchChange.write(kind == Kind.STAKE ? WatchChange.STAKE : WatchChange.PARTY, roots, version);
            compare(touched, cause(kind, roots, version), change, kind == Kind.RELOAD ? Cause.RELOAD : Cause.REGISTRY);
        } catch (RuntimeException e) {
            LOG.errorf("watch: a registry change could not be re-decided: %s", e.toString());
        }
    }

    // An import's reload: only the parties it changed and those below them, found by comparing the tables. The
    // cause names the imports the reload brought in (by job), which every instance reads from the outbox.
    private void recheckReload() {
        try {
            ReloadChanges changes = pendingReload.getAndSet(null);
            if (changes != null) {
                ReloadOrigin origin = changes.origin();
                compare(
                        baseline.touchedBy(changes),
                        WatchChange.describe(origin),
                        WatchChange.reload(origin),
                        Cause.RELOAD);
            }
        } catch (RuntimeException e) {
            LOG.errorf("watch: a registry reload could not be re-decided: %s", e.toString());
        }
    }

    private static String cause(Kind kind, List<String> roots, long version) {
        String at = " (registry version " + version + ")";
        return switch (kind) {
            case STAKE -> "stake into " + String.join(", ", roots) + at;
            case PARTY -> "party " + String.join(", ", roots) + at;
            case RELOAD -> "registry reloaded" + at;
        };
    }

    // Re-decides the watched ones among `parties` and fires one event per flipped (party, action).
    private void compare(Collection<String> parties, String cause, WatchChange change, Cause counted) {
        long before = baseline.decided();
        try {
            baseline.compare(parties, engine.active(), cause, change);
        } finally {
            decided.get(counted).increment(baseline.decided() - before);
        }
    }

    // Gives every watched party in the graph a baseline, and forgets those no longer watched.
    private void follow() {
        long before = baseline.decided();
        try {
            baseline.follow(watchedParties(), engine.active());
        } catch (RuntimeException e) {
            LOG.errorf("watch: the watched parties could not be decided: %s", e.toString());
        } finally {
            decided.get(Cause.FOLLOW).increment(baseline.decided() - before);
        }
    }

    private Set<String> watchedParties() {
        Set<String> parties = new LinkedHashSet<>();
        boolean everyParty = watches.stream().anyMatch(w -> w.scope() != WatchScope.PARTIES);
        if (everyParty) {
            for (String id : graph.partyIds()) {
                if (watched(id)) {
                    parties.add(id);
                }
            }
        }
        for (Watch watch : watches) {
            for (String id : watch.partyIds()) {
                if (graph.party(id).isPresent()) {
                    parties.add(id);
                }
            }
        }
        return parties;
    }

    private boolean watched(String party) {
        for (Watch watch : watches) {
            if (WatchService.covers(watch, party, identifiers)) {
                return true;
            }
        }
        return false;
    }

    // A dated stake or ban that came into or out of force since the last look changes decisions with no
    // write at all: the parties it can touch are decided again then (ForceChanges), with the change as the
    // cause. Whether anything changed is read from the graph's sorted changes of force, kept per registry
    // version, so a quiet look costs a binary search, not a pass over the stakes.
    private void checkForce() {
        try {
            if (watches.isEmpty()) {
                return;
            }
            long now = graph.now().getEpochSecond();
            RuleSet rules = engine.active();
            long next = Math.min(
                    graph.read(() -> graph.forceIntervalAround(lastForceCheck))[1],
                    nextBanChangeAfter(rules, lastForceCheck));
            if (next <= now) {
                ForceChanges.Touched touched =
                        ForceChanges.between(graph, rules.parameters().bans(), lastForceCheck, now);
                // A ban on a large country can touch most of the registry: chunked, as a rule set's pass.
                passesRunning.incrementAndGet();
                chunk(List.copyOf(touched.parties()), 0, 0, touched.cause(), touched.change(), Cause.FORCE);
            }
            lastForceCheck = now;
        } catch (RuntimeException e) {
            LOG.errorf("watch: a change of force could not be re-decided: %s", e.toString());
        }
    }

    private static long nextBanChangeAfter(RuleSet rules, long epochSecond) {
        long next = Long.MAX_VALUE;
        for (BannedJurisdiction ban : rules.parameters().bans()) {
            for (Instant edge : new Instant[] {ban.getFrom(), ban.getUntil()}) {
                if (edge != null && edge.getEpochSecond() > epochSecond) {
                    next = Math.min(next, edge.getEpochSecond());
                }
            }
        }
        return next;
    }

    @PreDestroy
    void stop() {
        graph.removeListener(this);
        worker.shutdownNow();
    }
}
