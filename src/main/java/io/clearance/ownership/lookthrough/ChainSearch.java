package io.clearance.ownership.lookthrough;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.Share;
import io.clearance.ownership.Rational;
import io.clearance.ownership.RestrictionCriteria;
import io.clearance.ownership.evidence.LookThroughPath;
import io.clearance.ownership.graph.OwnershipGraph;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.IntFunction;

/**
 * The largest chains from seeds to a party, best first: a walk is extended owner by owner and the queue
 * always yields the largest product, and since stakes are at most 100% a walk's product never grows, so
 * chains come out largest first. A chain ends at the first seed it meets; on cycles a chain may pass a party
 * more than once, as the terms of the series do. Iterative: a walk is a linked list, not a call stack.
 */
final class ChainSearch {

    private final OwnershipGraph graph;
    private final RestrictionCriteria criteria;
    private final IntFunction<long[]> sharesInto;

    /** @param sharesInto the shares the stakes into a party take at the bound searched */
    ChainSearch(OwnershipGraph graph, RestrictionCriteria criteria, IntFunction<long[]> sharesInto) {
        this.graph = graph;
        this.criteria = criteria;
        this.sharesInto = sharesInto;
    }

    /**
     * At most {@code maxPaths} chains into {@code target}, largest first, of at most {@code maxStakes} stakes,
     * within {@code maxExpansions} walks extended.
     *
     * @param solution the exact values, to prune owners no seed is behind; {@code null} when not solved
     */
    List<LookThroughPath> best(
            int target, Map<Integer, Rational> solution, int maxStakes, int maxExpansions, int maxPaths) {
        PriorityQueue<Walk> queue = new PriorityQueue<>(
                Comparator.comparing(Walk::product).reversed().thenComparingLong(Walk::sequence));
        long sequence = 0;
        queue.add(new Walk(target, BigDecimal.ONE, null, 0, 0, false, sequence++));
        List<LookThroughPath> paths = new ArrayList<>();
        int expansions = 0;
        while (!queue.isEmpty() && paths.size() < maxPaths && expansions < maxExpansions) {
            Walk walk = queue.poll();
            if (walk.complete()) {
                paths.add(walk.toPath(graph));
                continue;
            }
            expansions++;
            if (walk.stakes() == maxStakes) {
                continue;
            }
            int[] owners = graph.ownersOf(walk.head());
            long[] shares = sharesInto.apply(walk.head());
            for (int k = 0; k < owners.length; k++) {
                if (shares[k] == 0) {
                    continue;
                }
                boolean seed = criteria.isSeed(graph.partyAt(owners[k]));
                Rational reach = solution == null ? null : solution.get(owners[k]);
                if (!seed && solution != null && (reach == null || reach.isZero())) {
                    continue; // no seed behind this owner: its walks add nothing
                }
                BigDecimal product = walk.product().multiply(BigDecimal.valueOf(shares[k], Share.SCALE + 2));
                queue.add(new Walk(owners[k], product, walk, shares[k], walk.stakes() + 1, seed, sequence++));
            }
        }
        return List.copyOf(paths);
    }

    /** A walk from the target up to {@code head}; {@code below} is the walk it extends, by {@code stake}. */
    private record Walk(
            int head, BigDecimal product, Walk below, long stake, int stakes, boolean complete, long sequence) {

        LookThroughPath toPath(OwnershipGraph graph) {
            List<PartyInfo> parties = new ArrayList<>();
            List<Long> stakes = new ArrayList<>();
            for (Walk step = this; step != null; step = step.below) {
                parties.add(graph.partyAt(step.head));
                if (step.below != null) {
                    stakes.add(step.stake);
                }
            }
            return new LookThroughPath(List.copyOf(parties), List.copyOf(stakes), product);
        }
    }
}
