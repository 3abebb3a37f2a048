package io.clearance.watch;

import io.clearance.decision.Action;
import io.clearance.decision.Decider;
import io.clearance.decision.Decision;
import io.clearance.decision.Outcome;
import io.clearance.decision.UnknownPartyException;
import io.clearance.engine.LoadAttempt;
import io.clearance.engine.PolicyEngine;
import io.clearance.engine.RuleSet;
import io.clearance.engine.facts.BannedJurisdiction;
import io.clearance.ownership.graph.Descendants;
import io.clearance.ownership.graph.GraphChangeListener;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.registry.identity.PartyIdentifiers;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Computes {@code decision.changed} events: which watched party's decision for which action a change
 * flipped, from what to what, and why. It keeps the last decision of every watched party for every action
 * (the baseline); after a change it re-decides only the watched parties the change can have touched and
 * fires one {@link WatchEvent} per (party, action) whose outcome differs, then keeps the new outcome.
 *
 * <p>What it hears of: registry changes through the graph ({@link GraphChangeListener}: the changed parties
 * and their {@link Descendants} are the only ones whose decision can have moved; a reload, such as an
 * import, re-decides every watched party); a new serving rule set ({@link LoadAttempt} activated); and
 * time, when a dated stake or ban comes into or out of force (looked for every
 * {@code clearance.watches.force-check}). The graph's listener only queues the work: deciding runs on
 * this class's own thread, never inside the graph's write lock, in the order the changes were made.
 */
@ApplicationScoped
public class DecisionChanges implements GraphChangeListener {

    private static final Logger LOG = Logger.getLogger(DecisionChanges.class);
    private static final List<Action> ACTIONS = List.of(Action.values());

    private final OwnershipGraph graph;
    private final PolicyEngine engine;
    private final Decider decider;
    private final PartyIdentifiers identifiers;
    private final Event<WatchEvent> events;
    private final WatchConfig config;
    // invariant: the baseline and lastForceCheck are read and written on this thread only.
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "clearance-watch-decisions");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Map<Action, Outcome>> baseline = new HashMap<>();
    private volatile List<Watch> watches = List.of();
    private long lastForceCheck;
    private boolean started;

    DecisionChanges(
            OwnershipGraph graph,
            PolicyEngine engine,
            Decider decider,
            PartyIdentifiers identifiers,
            Event<WatchEvent> events,
            WatchConfig config) {
        this.graph = graph;
        this.engine = engine;
        this.decider = decider;
        this.identifiers = identifiers;
        this.events = events;
        this.config = config;
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

    /** Waits until every change heard so far is processed: for tests and an orderly stop. */
    public void settle() throws InterruptedException {
        try {
            worker.submit(() -> {}).get(1, TimeUnit.MINUTES);
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
        worker.execute(() -> recheck(kind, changed));
    }

    void ruleSetChanged(@Observes LoadAttempt attempt) {
        if (attempt.outcome() == LoadAttempt.Outcome.ACTIVATED && !watches.isEmpty()) {
            worker.execute(() -> compare(List.copyOf(baseline.keySet()), "rule-set " + attempt.version()));
        }
    }

    private void recheck(Kind kind, List<String> roots) {
        try {
            // A touched party newly watched (a new party, a new identifier) gets its baseline in compare.
            Collection<String> touched = kind == Kind.RELOAD
                    ? List.copyOf(baseline.keySet())
                    : graph.read(() -> Descendants.of(graph, roots));
            compare(touched, cause(kind, roots));
        } catch (RuntimeException e) {
            LOG.errorf("watch: a registry change could not be re-decided: %s", e.toString());
        }
    }

    private String cause(Kind kind, List<String> roots) {
        String at = " (registry version " + graph.version() + ")";
        return switch (kind) {
            case STAKE -> "stake into " + String.join(", ", roots) + at;
            case PARTY -> "party " + String.join(", ", roots) + at;
            case RELOAD -> "registry reloaded" + at;
        };
    }

    // Re-decides the watched ones among `parties` and fires one event per flipped (party, action).
    private void compare(Collection<String> parties, String cause) {
        RuleSet rules = engine.active();
        for (String party : parties) {
            if (!watched(party)) {
                baseline.remove(party);
                continue;
            }
            Map<Action, Decision> now = decide(party, rules);
            if (now == null) {
                baseline.remove(party);
                continue;
            }
            Map<Action, Outcome> before = baseline.put(party, outcomes(now));
            if (before == null) {
                continue; // newly watched: nothing to compare with yet
            }
            for (Action action : ACTIONS) {
                Decision after = now.get(action);
                if (before.get(action) != after.decision()) {
                    events.fire(new WatchEvent(
                            WatchEvent.DECISION_CHANGED,
                            party,
                            action.wireName(),
                            before.get(action),
                            after.decision(),
                            cause,
                            after.reasons(),
                            null,
                            Instant.now()));
                }
            }
        }
    }

    // Gives every watched party in the graph a baseline, and forgets those no longer watched.
    private void follow() {
        try {
            Set<String> wanted = watchedParties();
            baseline.keySet().retainAll(wanted);
            RuleSet rules = engine.active();
            for (String party : wanted) {
                if (!baseline.containsKey(party)) {
                    Map<Action, Decision> now = decide(party, rules);
                    if (now != null) {
                        baseline.put(party, outcomes(now));
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.errorf("watch: the watched parties could not be decided: %s", e.toString());
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

    private Map<Action, Decision> decide(String party, RuleSet rules) {
        try {
            List<Decision> decisions =
                    decider.decideEach(party, ACTIONS, List.of(rules), graph).get(0);
            Map<Action, Decision> byAction = new EnumMap<>(Action.class);
            for (int i = 0; i < ACTIONS.size(); i++) {
                byAction.put(ACTIONS.get(i), decisions.get(i));
            }
            return byAction;
        } catch (UnknownPartyException e) {
            return null; // removed meanwhile
        }
    }

    private static Map<Action, Outcome> outcomes(Map<Action, Decision> decisions) {
        Map<Action, Outcome> outcomes = new EnumMap<>(Action.class);
        decisions.forEach((action, decision) -> outcomes.put(action, decision.decision()));
        return outcomes;
    }

    // A dated stake or ban that came into or out of force since the last look changes decisions with no
    // write at all: every watched party is re-decided then, with the instant as the cause.
    private void checkForce() {
        try {
            if (watches.isEmpty()) {
                return;
            }
            long now = graph.now().getEpochSecond();
            long next = Math.min(
                    graph.read(() -> graph.nextChangeAfter(lastForceCheck)), nextBanChangeAfter(lastForceCheck));
            if (next <= now) {
                compare(new ArrayList<>(baseline.keySet()), "change of force at " + Instant.ofEpochSecond(next));
            }
            lastForceCheck = now;
        } catch (RuntimeException e) {
            LOG.errorf("watch: a change of force could not be re-decided: %s", e.toString());
        }
    }

    private long nextBanChangeAfter(long epochSecond) {
        long next = Long.MAX_VALUE;
        for (BannedJurisdiction ban : engine.active().parameters().bans()) {
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
