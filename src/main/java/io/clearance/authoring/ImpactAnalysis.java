package io.clearance.authoring;

import io.clearance.decision.Action;
import io.clearance.decision.Decider;
import io.clearance.decision.Decision;
import io.clearance.decision.Reason;
import io.clearance.decision.UnknownPartyException;
import io.clearance.engine.RuleSet;
import io.clearance.ownership.graph.OwnershipGraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a candidate rule set would change: every party of the registry is decided for every action under
 * the serving rule set and under the candidate, and the decisions that differ are reported. Parties are
 * evaluated in parallel; each party acts alone (no end customer), as a direct customer would.
 */
public final class ImpactAnalysis {

    private final Decider decider;

    /** Decides through {@code decider}: the server's own bean, or a plain one for the command line. */
    public ImpactAnalysis(Decider decider) {
        this.decider = decider;
    }

    /**
     * @param limit how many changed decisions to list; all are counted
     */
    public Report run(RuleSet active, RuleSet candidate, OwnershipGraph graph, int limit) {
        long started = System.nanoTime();
        List<String> parties = graph.partyIds();
        ConcurrentLinkedQueue<Change> listed = new ConcurrentLinkedQueue<>();
        AtomicLong listedCount = new AtomicLong();
        AtomicLong changed = new AtomicLong();
        Map<String, AtomicLong> transitions = new ConcurrentHashMap<>();
        List<Action> actions = List.of(Action.values());
        parties.parallelStream().forEach(partyId -> {
            List<List<Decision>> decided;
            try {
                decided = decider.decideEach(partyId, actions, List.of(active, candidate), graph);
            } catch (UnknownPartyException e) {
                return; // deleted while the analysis ran
            }
            for (int a = 0; a < actions.size(); a++) {
                Decision before = decided.get(0).get(a);
                Decision after = decided.get(1).get(a);
                if (before.decision() == after.decision()) {
                    continue;
                }
                Action action = actions.get(a);
                changed.incrementAndGet();
                transitions
                        .computeIfAbsent(
                                action.wireName() + ": " + before.decision() + " -> " + after.decision(),
                                k -> new AtomicLong())
                        .incrementAndGet();
                if (listedCount.incrementAndGet() <= limit) {
                    listed.add(new Change(
                            partyId,
                            action.wireName(),
                            before.decision().name(),
                            after.decision().name(),
                            rules(before),
                            rules(after)));
                }
            }
        });
        List<Change> changes = new ArrayList<>(listed);
        changes.sort(Comparator.comparing(Change::partyId).thenComparing(Change::action));
        Map<String, Long> counts = new TreeMap<>();
        transitions.forEach((k, v) -> counts.put(k, v.get()));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        return new Report(
                active.version(),
                candidate.version(),
                parties.size(),
                (long) parties.size() * Action.values().length,
                changed.get(),
                counts,
                changes,
                changed.get() > changes.size(),
                elapsedMillis);
    }

    private static List<String> rules(Decision decision) {
        return decision.reasons().stream().map(Reason::rule).toList();
    }

    /** One decision that the candidate changes. */
    public record Change(
            String partyId,
            String action,
            String before,
            String after,
            List<String> rulesBefore,
            List<String> rulesAfter) {}

    /**
     * The impact of a candidate.
     *
     * @param transitions counts per action and change, e.g. {@code "api.access: PERMIT -> DENY"}
     * @param truncated more decisions changed than {@code changes} lists
     */
    public record Report(
            String activeVersion,
            String candidateVersion,
            long parties,
            long decisionsCompared,
            long changed,
            Map<String, Long> transitions,
            List<Change> changes,
            boolean truncated,
            long elapsedMillis) {}
}
