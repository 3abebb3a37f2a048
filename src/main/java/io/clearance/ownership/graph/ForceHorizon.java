package io.clearance.ownership.graph;

import io.clearance.domain.StakeTerms;
import java.util.ArrayDeque;
import java.util.BitSet;

/**
 * How long what the graph says about some parties holds by time alone: the first instant after a given one
 * at which a dated stake into one of them or into one of their ancestors comes into or goes out of force.
 * A party's findings read only those stakes, so until that instant (and without a change to the registry)
 * they stay as they are.
 *
 * <p>Iterative over the ancestors, each visited once (cycles included); call inside the graph's read lock.
 */
public final class ForceHorizon {

    private ForceHorizon() {}

    /**
     * The first instant (epoch second) after {@code epochSecond} at which a stake into one of {@code parties}
     * (dense indices; negative ones are skipped) or into one of their ancestors changes force, or {@link
     * StakeTerms#ALWAYS_TO} when none ever will.
     */
    public static long nextChangeAfter(OwnershipGraph graph, long epochSecond, int... parties) {
        if (!graph.hasDatedStakes()) {
            return StakeTerms.ALWAYS_TO;
        }
        long next = StakeTerms.ALWAYS_TO;
        BitSet visited = new BitSet();
        ArrayDeque<Integer> pending = new ArrayDeque<>();
        for (int party : parties) {
            if (party >= 0 && !visited.get(party)) {
                visited.set(party);
                pending.add(party);
            }
        }
        while (!pending.isEmpty()) {
            int held = pending.poll();
            long[] from = graph.validFromOrNull(held);
            long[] to = graph.validToOrNull(held);
            int[] owners = graph.ownersOf(held);
            for (int k = 0; k < owners.length; k++) {
                if (from != null) {
                    next = Math.min(next, ForceIntervals.changeAfter(from[k], to[k], epochSecond));
                }
                if (!visited.get(owners[k])) {
                    visited.set(owners[k]);
                    pending.add(owners[k]);
                }
            }
        }
        return next;
    }
}
