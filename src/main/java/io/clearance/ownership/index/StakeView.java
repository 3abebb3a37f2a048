package io.clearance.ownership.index;

import io.clearance.domain.Share;
import io.clearance.ownership.Bound;
import io.clearance.ownership.Comparison;
import io.clearance.ownership.RestrictionCriteria;
import io.clearance.ownership.graph.OwnershipGraph;
import java.util.function.IntPredicate;

/**
 * The stakes of the graph as one computation sees them: at one bound, at one instant, for one criteria.
 * Every walk reads shares through a view, so that ranges, dates and control are decided in one place.
 *
 * <p>Lives inside the graph's read (or write) lock, like the walk that uses it.
 */
public final class StakeView {

    private final OwnershipGraph graph;
    private final RestrictionCriteria criteria;
    private final Bound bound;
    private long at;

    public StakeView(OwnershipGraph graph, RestrictionCriteria criteria, Bound bound, long at) {
        this.graph = graph;
        this.criteria = criteria;
        this.bound = bound;
        this.at = at;
    }

    public Bound bound() {
        return bound;
    }

    long at() {
        return at;
    }

    /** Moves the view to a later instant at which the same stakes are in force; see RestrictionIndex. */
    void moveTo(long epochSecond) {
        at = epochSecond;
    }

    public boolean inForce(int owned, int k) {
        return graph.inForce(owned, k, at);
    }

    /** The share of the k-th stake into {@code owned} at this bound: 0 when not in force. */
    public long share(int owned, int k) {
        if (!graph.inForce(owned, k, at)) {
            return 0;
        }
        return bound == Bound.LOWER ? graph.sharesOf(owned)[k] : graph.maxShare(owned, k);
    }

    /** The bound of the share is exclusive: the true share lies strictly beyond it. */
    boolean exclusive(int owned, int k) {
        int flags = graph.flags(owned, k);
        return (flags & (bound == Bound.LOWER ? OwnershipGraph.MIN_EXCLUSIVE : OwnershipGraph.MAX_EXCLUSIVE)) != 0;
    }

    /** The k-th stake is in force and gives control of a basis the criteria counts. */
    boolean controls(int owned, int k) {
        return (graph.controlBits(owned, k) & criteria.controlBits()) != 0 && graph.inForce(owned, k, at);
    }

    /** The k-th stake is in force and holds a share or control that counts: it can appear in a proof. */
    boolean counts(int owned, int k) {
        return graph.inForce(owned, k, at) && (share(owned, k) > 0 || exclusive(owned, k) || controls(owned, k));
    }

    /**
     * What restricted owners hold of {@code owned}, {@code restricted} telling which owners are; one stake,
     * {@code skipOwner}'s, left out (-1: none), for counterfactuals.
     *
     * <p>Lower bound: the restricted owners' minimum shares, exclusive when one of them is. Upper bound: the
     * restricted owners' maximum shares, plus the unaccounted remainder where the criteria counts it, but
     * never more than the others' minimum shares leave of 100%.
     */
    Sum aggregate(int owned, IntPredicate restricted, int skipOwner) {
        int[] owners = graph.ownersOf(owned);
        long[] mins = graph.sharesOf(owned);
        // The side arrays are null for the many parties whose stakes are all exact, undated, without control.
        long[] maxs = graph.maxSharesOrNull(owned);
        byte[] allFlags = graph.flagsOrNull(owned);
        long[] from = graph.validFromOrNull(owned);
        long[] to = graph.validToOrNull(owned);
        long restrictedSum = 0;
        boolean restrictedExclusive = false;
        long othersMin = 0;
        boolean othersExclusive = false;
        long allMin = 0;
        boolean anyMinExclusive = false;
        boolean anyInForce = false;
        boolean controlled = false;
        for (int k = 0; k < owners.length; k++) {
            if (owners[k] == skipOwner || from != null && (at < from[k] || at >= to[k])) {
                continue;
            }
            anyInForce = true;
            int flags = allFlags == null ? 0 : allFlags[k];
            boolean minExclusive = (flags & OwnershipGraph.MIN_EXCLUSIVE) != 0;
            allMin += mins[k];
            anyMinExclusive |= minExclusive;
            if (restricted.test(owners[k])) {
                controlled |= ((flags >>> OwnershipGraph.CONTROL_SHIFT) & criteria.controlBits()) != 0;
                if (bound == Bound.LOWER) {
                    restrictedSum += mins[k];
                    restrictedExclusive |= minExclusive;
                } else {
                    restrictedSum += maxs == null ? mins[k] : maxs[k];
                    restrictedExclusive |= (flags & OwnershipGraph.MAX_EXCLUSIVE) != 0;
                }
            } else {
                othersMin += mins[k];
                othersExclusive |= minExclusive;
            }
        }
        if (bound == Bound.LOWER) {
            return new Sum(restrictedSum, restrictedExclusive, controlled, 0);
        }
        long unaccounted = 0;
        boolean totalExclusive = restrictedExclusive;
        if (criteria.countsUnaccounted() && anyInForce && allMin < Share.HUNDRED_PERCENT) {
            unaccounted = Share.HUNDRED_PERCENT - allMin;
            totalExclusive |= anyMinExclusive;
        }
        long total = restrictedSum + unaccounted;
        long cap = Share.HUNDRED_PERCENT - othersMin;
        if (total < cap) {
            return new Sum(total, totalExclusive, controlled, unaccounted);
        }
        if (total > cap) {
            return new Sum(cap, othersExclusive, controlled, unaccounted);
        }
        return new Sum(total, totalExclusive || othersExclusive, controlled, unaccounted);
    }

    Sum aggregate(int owned, IntPredicate restricted) {
        return aggregate(owned, restricted, -1);
    }

    /** The party is restricted given which of its owners are: a seed, or an organisation the aggregate restricts. */
    boolean qualifies(int index, IntPredicate restricted) {
        var party = graph.partyAt(index);
        if (party == null) {
            return false;
        }
        if (criteria.isSeed(party)) {
            return true;
        }
        return criteria.canBeRestrictedByOwnership(party) && passes(aggregate(index, restricted));
    }

    /**
     * Whether an aggregate passes the threshold at this bound. A lower bound that is exclusive means the true
     * share is strictly above it: exactly 50, exclusive, is more than 50. An upper bound that is exclusive means
     * strictly below it: exactly 50, exclusive, is not at least 50.
     */
    boolean passes(Sum sum) {
        if (sum.controlled()) {
            return true;
        }
        long threshold = criteria.threshold();
        boolean strict = criteria.comparison() == Comparison.GREATER_THAN;
        if (bound == Bound.LOWER) {
            return sum.value() > threshold || sum.value() == threshold && (!strict || sum.exclusive());
        }
        return sum.value() > threshold || sum.value() == threshold && !strict && !sum.exclusive();
    }

    /**
     * An aggregate at one bound.
     *
     * @param value in {@link Share} units
     * @param exclusive the true share lies strictly beyond the value (above a lower bound, below an upper one)
     * @param controlled a restricted owner holds control of a basis the criteria counts
     * @param unaccounted the unaccounted remainder counted in an upper bound, 0 otherwise
     */
    public record Sum(long value, boolean exclusive, boolean controlled, long unaccounted) {

        /** This aggregate restricts at least as surely as {@code other}: a change from other to this only adds. */
        public boolean atLeast(Sum other) {
            if (other.controlled && !controlled) {
                return false;
            }
            // Exclusive-ness cuts both ways (it helps a lower bound, hurts an upper one): only equal counts.
            return value > other.value || value == other.value && exclusive == other.exclusive;
        }
    }
}
