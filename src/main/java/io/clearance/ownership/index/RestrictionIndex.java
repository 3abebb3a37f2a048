package io.clearance.ownership.index;

import io.clearance.domain.StakeTerms;
import io.clearance.ownership.Bound;
import io.clearance.ownership.RestrictionCriteria;
import io.clearance.ownership.graph.ForceIntervals;
import io.clearance.ownership.graph.OwnershipGraph;
import java.util.ArrayDeque;
import java.util.BitSet;

/**
 * Which parties of the graph are restricted by extension under one {@link RestrictionCriteria} at one
 * {@link Bound}: the least fixpoint over the whole graph, computed once and then kept current change by
 * change, so that a decision reads a party's status and its owners' statuses instead of walking its
 * ancestors.
 *
 * <p>Changes that can only add restrictions (a new or larger stake, a new seed) propagate forward from the
 * changed party. Changes that can remove restrictions (a smaller or removed stake, a removed party or
 * seed) first un-mark every restricted party downstream of the change, then derive them again from what
 * is still restricted around them (delete and re-derive), so the result stays the least fixpoint: never
 * a restriction that only cycles support.
 *
 * <p>Time: a kept index answers for "now". It knows the next instant at which a dated stake comes into or
 * goes out of force; past it, the index is stale and is computed again ({@link #staleAt}). An index
 * computed for one past or future instant over the ancestors of one party ({@link #over}) is thrown away
 * after its decision.
 *
 * <p>Not thread-safe on its own: the graph calls it under its write lock and reads it under its read lock.
 */
public final class RestrictionIndex {

    // Beyond this many ancestors a decision about another instant computes (and the graph keeps) the
    // restriction over the whole graph instead: in registries with large cross-held regions, one party's
    // ancestors can be most of the graph, and computing them afresh for each decision costs seconds.
    static final int MAX_LOCAL_ANCESTORS = 2_000;

    private final OwnershipGraph graph;
    private final RestrictionCriteria criteria;
    private final StakeView view;
    private final BitSet restricted = new BitSet();
    // Made once: the fixpoint asks it for every owner of every candidate.
    private final java.util.function.IntPredicate isRestricted = restricted::get;
    // The parties this index decides; null: the whole graph.
    private final BitSet universe;
    // The first instant at which the stakes in force differ from those the index was computed with.
    private long validUntil;

    /** A kept index for now, over the whole graph. */
    public RestrictionIndex(OwnershipGraph graph, RestrictionCriteria criteria, Bound bound, long now) {
        this(graph, criteria, bound, now, null);
        this.validUntil = graph.nextChangeAfter(now);
    }

    private RestrictionIndex(
            OwnershipGraph graph, RestrictionCriteria criteria, Bound bound, long at, BitSet universe) {
        this.graph = graph;
        this.criteria = criteria;
        this.view = new StakeView(graph, criteria, bound, at);
        this.universe = universe;
        this.validUntil = StakeTerms.ALWAYS_TO;
        compute();
    }

    /**
     * The restriction at instant {@code at} (another than now), as it bears on {@code target}: computed over
     * the target and its ancestors through stakes in force then, when they are few (a party's restriction
     * depends on its ancestors only); otherwise over the whole graph, kept by the graph for further decisions
     * about an instant in the same interval between two changes of force, until the registry changes. Call
     * inside the graph's read lock.
     */
    static RestrictionIndex over(OwnershipGraph graph, RestrictionCriteria criteria, Bound bound, long at, int target) {
        BitSet ancestors = new BitSet();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        ancestors.set(target);
        queue.add(target);
        int count = 1;
        while (!queue.isEmpty()) {
            int node = queue.poll();
            int[] owners = graph.ownersOf(node);
            for (int k = 0; k < owners.length; k++) {
                if (!ancestors.get(owners[k]) && graph.inForce(node, k, at)) {
                    if (++count > MAX_LOCAL_ANCESTORS) {
                        return KeptIndexes.of(graph).indexAt(criteria, bound, at);
                    }
                    ancestors.set(owners[k]);
                    queue.add(owners[k]);
                }
            }
        }
        return new RestrictionIndex(graph, criteria, bound, at, ancestors);
    }

    /** The restriction over the whole graph at an instant other than now; the graph caches it. */
    public static RestrictionIndex wholeGraphAt(
            OwnershipGraph graph, RestrictionCriteria criteria, Bound bound, long at) {
        return new RestrictionIndex(graph, criteria, bound, at, null);
    }

    public RestrictionCriteria criteria() {
        return criteria;
    }

    public Bound bound() {
        return view.bound();
    }

    StakeView view() {
        return view;
    }

    boolean isRestricted(int index) {
        return restricted.get(index);
    }

    /** How many parties are restricted; for benchmarks and health figures. */
    public int restrictedCount() {
        return restricted.cardinality();
    }

    /** Past {@code now} the stakes in force are no longer those the index holds. */
    public boolean staleAt(long now) {
        return now >= validUntil;
    }

    /** The stakes in force at {@code now} are those this index was computed with. */
    boolean holdsAt(long now) {
        return view.at() <= now && now < validUntil;
    }

    /**
     * Takes the restriction {@code computed} found, over a graph of the same parties and stakes (the one a
     * reload swaps in, computed ahead of it), and moves to {@code now}, at which it {@linkplain #holdsAt
     * holds}. Whole-graph indexes of this criteria and bound only.
     */
    void adopt(RestrictionIndex computed, long now) {
        restricted.clear();
        restricted.or(computed.restricted);
        validUntil = computed.validUntil;
        view.moveTo(now);
    }

    /** The least fixpoint from scratch for the instant {@code now}. */
    public void recomputeAll(long now) {
        view.moveTo(now);
        validUntil = graph.nextChangeAfter(now);
        compute();
    }

    /**
     * Moves a fresh index to {@code now} (no stake changed force in between), taking into account the dates
     * of a stake being written.
     */
    public void advanceTo(long now, StakeTerms written) {
        view.moveTo(now);
        if (written != null && written.isDated()) {
            validUntil = Math.min(validUntil, ForceIntervals.changeAfter(written.validFrom(), written.validTo(), now));
        }
    }

    /**
     * Seeds first, then a worklist of the holdings of each newly restricted party. An upper bound that
     * counts unaccounted shares can restrict a party no restricted party holds (its unknown holders may be
     * restricted), so there every party is a starting point.
     */
    private void compute() {
        restricted.clear();
        ArrayDeque<Integer> work = new ArrayDeque<>();
        if (universe == null) {
            for (int index = 0; index < graph.indexLimit(); index++) {
                seed(index, work);
            }
        } else {
            for (int index = universe.nextSetBit(0); index >= 0; index = universe.nextSetBit(index + 1)) {
                seed(index, work);
            }
        }
        propagate(work);
    }

    private void seed(int index, ArrayDeque<Integer> work) {
        var party = graph.partyAt(index);
        if (party == null) {
            return;
        }
        boolean start = criteria.isSeed(party)
                || view.bound() == Bound.UPPER && criteria.countsUnaccounted() && qualifies(index);
        if (start) {
            restricted.set(index);
            work.add(index);
        }
    }

    /** A stake appeared or grew, or a party became a seed: restrictions can only be added. */
    public void grew(int index) {
        ArrayDeque<Integer> work = new ArrayDeque<>();
        if (!restricted.get(index) && qualifies(index)) {
            restricted.set(index);
            work.add(index);
        }
        propagate(work);
    }

    /** A stake shrank or went, or a party stopped being a seed or went: restrictions can only be removed. */
    public void shrank(int index) {
        if (!restricted.get(index)) {
            return;
        }
        // Over-delete: everything restricted downstream of the change may have rested on it.
        ArrayDeque<Integer> suspects = new ArrayDeque<>();
        BitSet unmarked = new BitSet();
        suspects.add(index);
        unmarked.set(index);
        while (!suspects.isEmpty()) {
            for (int held : graph.holdingsOf(suspects.poll())) {
                if (restricted.get(held) && !unmarked.get(held)) {
                    unmarked.set(held);
                    suspects.add(held);
                }
            }
        }
        restricted.andNot(unmarked);
        // Re-derive: seeds among them come back at once; the rest come back if what is still restricted
        // around them (outside the deleted region, or re-derived within it) carries them over the threshold.
        ArrayDeque<Integer> work = new ArrayDeque<>();
        for (int candidate = unmarked.nextSetBit(0); candidate >= 0; candidate = unmarked.nextSetBit(candidate + 1)) {
            if (qualifies(candidate)) {
                restricted.set(candidate);
                work.add(candidate);
            }
        }
        propagate(work);
    }

    /** A party slot was freed: whatever it held must be re-derived without it. */
    public void removed(int index, int[] formerHoldings) {
        boolean was = restricted.get(index);
        restricted.clear(index);
        for (int held : formerHoldings) {
            // Losing a restricted owner can only lower an aggregate. Losing another can raise an upper bound
            // (it left less of 100%) or lower it (the last stake in force took the unaccounted share with it).
            if (was || view.bound() == Bound.UPPER) {
                shrank(held);
            }
            grew(held);
        }
    }

    private void propagate(ArrayDeque<Integer> work) {
        while (!work.isEmpty()) {
            for (int held : graph.holdingsOf(work.poll())) {
                if (!restricted.get(held) && (universe == null || universe.get(held)) && qualifies(held)) {
                    restricted.set(held);
                    work.add(held);
                }
            }
        }
    }

    /** Restricted on its own account, or by the restricted parties that hold it now. */
    private boolean qualifies(int index) {
        return view.qualifies(index, isRestricted);
    }

    /** What the restricted owners of a party hold of it, at this index's bound. */
    public StakeView.Sum aggregate(int index) {
        return view.aggregate(index, isRestricted);
    }
}
