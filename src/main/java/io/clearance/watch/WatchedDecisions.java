package io.clearance.watch;

import io.clearance.decision.Action;
import io.clearance.decision.Decider;
import io.clearance.decision.Decision;
import io.clearance.decision.Outcome;
import io.clearance.decision.UnknownPartyException;
import io.clearance.engine.RuleSet;
import io.clearance.ownership.graph.Descendants;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.ownership.graph.ReloadChanges;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The last outcome of every watched party for every action (the baseline), and the comparison that turns a
 * change into {@code decision.changed} events: the parties a change can have touched are decided again, and
 * one {@link WatchEvent} is fired per (party, action) whose outcome differs from the baseline, which then
 * takes the new outcome. Only touched parties are decided: after a reload (an import) those are the parties
 * the reload changed and their descendants ({@link ReloadChanges}), not every watched party, so an import
 * that flips k parties of a registry of millions costs a pass over the tables and the decisions of the
 * parties below the changes, never a million decisions.
 *
 * <p>The baseline holds one byte per party (two bits per action) under the id the graph already holds, so an
 * all-parties watch over a registry of millions costs one map entry a party. Not thread-safe: one thread
 * ({@link DecisionChanges}' worker, or a benchmark) uses it.
 */
public final class WatchedDecisions {

    private static final List<Action> ACTIONS = List.of(Action.values());
    private static final Outcome[] OUTCOMES = Outcome.values();
    private static final int BITS = 2;

    static {
        // invariant: every outcome of every action fits in one byte.
        if (OUTCOMES.length > 1 << BITS || ACTIONS.size() * BITS > 7) {
            throw new IllegalStateException("outcomes of every action no longer fit in a byte");
        }
    }

    private final OwnershipGraph graph;
    private final Decider decider;
    private final Predicate<String> watched;
    private final Consumer<WatchEvent> fire;
    private final Map<String, Byte> baseline = new HashMap<>();
    private long decided;

    /**
     * @param watched whether some watch follows the party
     * @param fire where events go (the CDI event in the server)
     */
    public WatchedDecisions(
            OwnershipGraph graph, Decider decider, Predicate<String> watched, Consumer<WatchEvent> fire) {
        this.graph = graph;
        this.decider = decider;
        this.watched = watched;
        this.fire = fire;
    }

    /** Gives each of {@code parties} that has none a baseline (no events), and forgets every other party. */
    public void follow(Set<String> parties, RuleSet rules) {
        baseline.keySet().retainAll(parties);
        for (String party : parties) {
            if (!baseline.containsKey(party)) {
                Map<Action, Decision> now = decide(party, rules);
                if (now != null) {
                    baseline.put(party, encode(now));
                }
            }
        }
    }

    /** The parties with a baseline: those a rule-set change or a change of force decides again. */
    public List<String> followed() {
        return List.copyOf(baseline.keySet());
    }

    public int size() {
        return baseline.size();
    }

    /**
     * How many parties were decided so far (for every action), baselines included: what a change cost, read
     * before and after it, without timing anything.
     */
    public long decided() {
        return decided;
    }

    /** The parties whose decisions the reload can have moved: its roots and their descendants. */
    public Collection<String> touchedBy(ReloadChanges changes) {
        List<String> roots = changes.roots();
        return graph.read(() -> Descendants.of(graph, roots));
    }

    /**
     * Decides the watched ones among {@code parties} again and fires one event per flipped (party, action);
     * a touched party newly watched (a new party, a new identifier) gets its baseline, with no event.
     *
     * @return the number of events fired
     */
    public int compare(Collection<String> parties, RuleSet rules, String cause) {
        return compare(parties, rules, cause, null);
    }

    /** As {@link #compare(Collection, RuleSet, String)}, the events naming {@code change} for a machine too. */
    public int compare(Collection<String> parties, RuleSet rules, String cause, WatchChange change) {
        int fired = 0;
        for (String party : parties) {
            if (!watched.test(party)) {
                baseline.remove(party);
                continue;
            }
            Map<Action, Decision> now = decide(party, rules);
            if (now == null) {
                baseline.remove(party);
                continue;
            }
            Byte before = baseline.put(party, encode(now));
            if (before == null) {
                continue; // newly watched: nothing to compare with yet
            }
            for (int a = 0; a < ACTIONS.size(); a++) {
                Outcome was = outcome(before, a);
                Decision after = now.get(ACTIONS.get(a));
                if (was != after.decision()) {
                    fired++;
                    fire.accept(new WatchEvent(
                            WatchEvent.DECISION_CHANGED,
                            party,
                            ACTIONS.get(a).wireName(),
                            was,
                            after.decision(),
                            cause,
                            after.reasons(),
                            null,
                            Instant.now(),
                            change));
                }
            }
        }
        return fired;
    }

    private Map<Action, Decision> decide(String party, RuleSet rules) {
        decided++;
        try {
            List<Decision> decisions =
                    decider.decideEach(party, ACTIONS, List.of(rules), graph).get(0);
            Map<Action, Decision> byAction = new java.util.EnumMap<>(Action.class);
            for (int i = 0; i < ACTIONS.size(); i++) {
                byAction.put(ACTIONS.get(i), decisions.get(i));
            }
            return byAction;
        } catch (UnknownPartyException e) {
            return null; // removed meanwhile
        }
    }

    // Boxed bytes are cached by the runtime: a baseline entry costs its map node, not a Byte as well.
    private static Byte encode(Map<Action, Decision> decisions) {
        int bits = 0;
        for (int a = 0; a < ACTIONS.size(); a++) {
            bits |= decisions.get(ACTIONS.get(a)).decision().ordinal() << (a * BITS);
        }
        return (byte) bits;
    }

    private static Outcome outcome(byte bits, int action) {
        return OUTCOMES[(bits >>> (action * BITS)) & ((1 << BITS) - 1)];
    }
}
