package io.clearance.ownership.graph;

import io.clearance.domain.StakeTerms;
import java.util.Arrays;

/**
 * The instants at which dated stakes come into or go out of force, read from the graph's arrays of terms:
 * between two such instants which stakes are in force does not change, so a restriction computed for one
 * instant holds for the whole interval.
 */
public final class ForceIntervals {

    private ForceIntervals() {}

    /** Every instant at which some stake comes into or goes out of force, sorted and distinct. */
    static long[] changes(long[][] validFrom, long[][] validTo, int size, long datedStakes) {
        long[] instants = new long[0];
        int count = 0;
        if (datedStakes > 0) {
            instants = new long[(int) Math.min(Integer.MAX_VALUE - 8, datedStakes * 2)];
            for (int i = 0; i < size; i++) {
                long[] from = validFrom[i];
                if (from == null) {
                    continue;
                }
                long[] to = validTo[i];
                for (int k = 0; k < from.length; k++) {
                    if (from[k] != StakeTerms.ALWAYS_FROM && count < instants.length) {
                        instants[count++] = from[k];
                    }
                    if (to[k] != StakeTerms.ALWAYS_TO && count < instants.length) {
                        instants[count++] = to[k];
                    }
                }
            }
        }
        return Arrays.stream(instants, 0, count).sorted().distinct().toArray();
    }

    /** The last change at or before {@code at} and the first after it in {@code changes} (open ends: ALWAYS_FROM/TO). */
    static long[] around(long[] changes, long at) {
        int position = Arrays.binarySearch(changes, at);
        // At an exact change, the interval starts there; otherwise between its neighbours.
        int after = position >= 0 ? position + 1 : -position - 1;
        long previous = position >= 0 ? changes[position] : after > 0 ? changes[after - 1] : StakeTerms.ALWAYS_FROM;
        long next = after < changes.length ? changes[after] : StakeTerms.ALWAYS_TO;
        return new long[] {previous, next};
    }

    /** The first instant after {@code epochSecond} at which some stake changes force, or ALWAYS_TO. */
    static long nextChangeAfter(long[][] validFrom, long[][] validTo, int size, long epochSecond) {
        long next = StakeTerms.ALWAYS_TO;
        for (int i = 0; i < size; i++) {
            long[] from = validFrom[i];
            if (from != null) {
                long[] to = validTo[i];
                for (int k = 0; k < from.length; k++) {
                    next = Math.min(next, changeAfter(from[k], to[k], epochSecond));
                }
            }
        }
        return next;
    }

    /** The first instant after {@code epochSecond} at which a stake in force from {@code from} to {@code to} changes. */
    public static long changeAfter(long from, long to, long epochSecond) {
        if (from > epochSecond) {
            return from;
        }
        return to > epochSecond ? to : StakeTerms.ALWAYS_TO;
    }
}
