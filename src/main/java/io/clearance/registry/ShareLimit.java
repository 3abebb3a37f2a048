package io.clearance.registry;

import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;

/**
 * The registry's 100% rule, for stakes that may be ranges and may be dated: at no instant may the minimum
 * shares of the stakes in force in one party add up to more than 100%, nor to exactly 100% when one of
 * those minimums is exclusive (that owner then holds more than its minimum, so the whole is above 100%).
 * Stakes whose validity intervals do not overlap never add up.
 */
public final class ShareLimit {

    /**
     * The first instant at which the stakes add up to too much.
     *
     * @param at epoch seconds; {@link StakeTerms#ALWAYS_FROM} when the excess holds from the open start
     * @param minimum the sum of the minimum shares in force then, in {@link Share} units
     * @param exclusive whether one of those minimums is exclusive
     * @param ranged whether one of those stakes is a range, so that the sum is only a lower bound
     */
    public record Excess(long at, long minimum, boolean exclusive, boolean ranged) {

        /** For a refusal: {@code stakes in `x` would add up to at least 110% from 2024-01-01T00:00:00Z}. */
        public String describe(String ownedId) {
            return "stakes in `" + ownedId + "` would add up to " + amount() + when();
        }

        /** {@code 110%}, {@code at least 110%} when ranges count, or {@code more than 100%}. */
        public String amount() {
            if (exclusive && minimum == Share.HUNDRED_PERCENT) {
                return "more than 100%";
            }
            return (ranged ? "at least " : "") + Share.toPercent(minimum).toPlainString() + "%";
        }

        /** Empty when the excess holds from the open start, else {@code  from 2024-01-01T00:00:00Z}. */
        public String when() {
            return at == StakeTerms.ALWAYS_FROM ? "" : " from " + Instant.ofEpochSecond(at);
        }
    }

    private ShareLimit() {}

    /** The first excess of {@code stakes} at any instant, if there is one. */
    public static Optional<Excess> firstExcess(Collection<StakeTerms> stakes) {
        return firstExcess(stakes, StakeTerms.ALWAYS_FROM, StakeTerms.ALWAYS_TO);
    }

    /**
     * The first excess of {@code stakes} at an instant in {@code [from, to)}, if there is one. Checking only
     * while a new stake is in force keeps a write from being refused for what it does not touch.
     */
    public static Optional<Excess> firstExcess(Collection<StakeTerms> stakes, long from, long to) {
        // A sweep over the interval ends: each event adds or removes one minimum at an instant.
        long[] times = new long[stakes.size() * 2];
        long[] deltas = new long[stakes.size() * 2];
        int[] exclusives = new int[stakes.size() * 2];
        boolean[] ends = new boolean[stakes.size() * 2];
        int[] ranges = new int[stakes.size() * 2];
        Integer[] order = new Integer[stakes.size() * 2];
        int events = 0;
        for (StakeTerms stake : stakes) {
            long start = Math.max(stake.validFrom(), from);
            long end = Math.min(stake.validTo(), to);
            if (start >= end) {
                continue;
            }
            int exclusive = stake.minExclusive() ? 1 : 0;
            int ranged = stake.isExact() ? 0 : 1;
            times[events] = start;
            deltas[events] = stake.min();
            exclusives[events] = exclusive;
            ranges[events] = ranged;
            order[events] = events++;
            if (end != to) {
                times[events] = end;
                deltas[events] = -stake.min();
                exclusives[events] = -exclusive;
                ranges[events] = -ranged;
                ends[events] = true;
                order[events] = events++;
            }
        }
        // At one instant, stakes that end (validTo is exclusive) leave before those that start come in.
        Arrays.sort(
                order,
                0,
                events,
                (a, b) -> times[a] != times[b] ? Long.compare(times[a], times[b]) : Boolean.compare(ends[b], ends[a]));
        long sum = 0;
        int exclusiveCount = 0;
        int rangedCount = 0;
        for (int i = 0; i < events; i++) {
            int event = order[i];
            sum += deltas[event];
            exclusiveCount += exclusives[event];
            rangedCount += ranges[event];
            boolean lastAtThisInstant = i + 1 == events || times[order[i + 1]] != times[event];
            if (lastAtThisInstant
                    && (sum > Share.HUNDRED_PERCENT || (sum == Share.HUNDRED_PERCENT && exclusiveCount > 0))) {
                return Optional.of(new Excess(times[event], sum, exclusiveCount > 0, rangedCount > 0));
            }
        }
        return Optional.empty();
    }
}
