package io.clearance.ownership.graph;

import io.clearance.domain.StakeTerms;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.BitSet;

/**
 * How long what the graph says about some parties holds by time alone: the first instant after a given one
 * at which a dated stake into one of them or into one of their ancestors comes into or goes out of force.
 * A party's findings read only those stakes, so until that instant (and without a change to the registry)
 * they stay as they are.
 *
 * <p>The ancestors are walked (iteratively, each once, cycles included) up to a budget; a party with more
 * ancestors than that, as in one large connected registry, gets the next change of force of any stake in
 * the graph instead: earlier or equal, so never too late, and kept per graph version so that it costs one
 * pass over the parties per registry change rather than one walk per party. Call inside the graph's read
 * lock.
 */
public final class ForceHorizon {

    /** Ancestors walked before falling back to the whole graph's changes of force. */
    public static final int MAX_ANCESTORS = 512;

    private final OwnershipGraph graph;
    // Every change of force in the graph, sorted, for the version it was read at.
    private volatile Changes changes = new Changes(-1, new long[0]);

    private record Changes(long version, long[] instants) {}

    public ForceHorizon(OwnershipGraph graph) {
        this.graph = graph;
    }

    /**
     * The first instant (epoch second) after {@code epochSecond} at which a stake into one of {@code parties}
     * (dense indices; negative ones are skipped) or into one of their ancestors may change force, or {@link
     * StakeTerms#ALWAYS_TO} when none ever will.
     */
    public long nextChangeAfter(long epochSecond, int... parties) {
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
        int walked = 0;
        while (!pending.isEmpty()) {
            if (++walked > MAX_ANCESTORS) {
                return inGraphAfter(epochSecond);
            }
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

    /** The first change of force of any stake in the graph after {@code epochSecond}. */
    private long inGraphAfter(long epochSecond) {
        Changes kept = changes;
        long version = graph.version(); // a reentrant read
        if (kept.version() != version) {
            kept = new Changes(version, allChanges());
            changes = kept; // readers may race to build it; each builds the same array from the same state
        }
        long[] instants = kept.instants();
        int position = Arrays.binarySearch(instants, epochSecond);
        int after = position >= 0 ? position + 1 : -position - 1;
        return after < instants.length ? instants[after] : StakeTerms.ALWAYS_TO;
    }

    /** Every instant at which some stake comes into or goes out of force, sorted and distinct. */
    private long[] allChanges() {
        long[] instants = new long[64];
        int count = 0;
        for (int i = 0; i < graph.indexLimit(); i++) {
            long[] from = graph.validFromOrNull(i);
            if (from == null) {
                continue;
            }
            long[] to = graph.validToOrNull(i);
            for (int k = 0; k < from.length; k++) {
                if (count + 2 > instants.length) {
                    instants = Arrays.copyOf(instants, instants.length * 2);
                }
                if (from[k] != StakeTerms.ALWAYS_FROM) {
                    instants[count++] = from[k];
                }
                if (to[k] != StakeTerms.ALWAYS_TO) {
                    instants[count++] = to[k];
                }
            }
        }
        return Arrays.stream(instants, 0, count).sorted().distinct().toArray();
    }
}
