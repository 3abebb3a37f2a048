package io.clearance.ownership;

import io.clearance.registry.PartyInfo;
import java.util.ArrayDeque;
import java.util.BitSet;

/**
 * Which parties of the graph are restricted by extension under one {@link RestrictionCriteria}: the least
 * fixpoint over the whole graph, computed once and then kept current change by change, so that a decision
 * reads a party's status and its owners' statuses instead of walking its ancestors.
 *
 * <p>Changes that can only add restrictions (a new or larger stake, a new seed) propagate forward from the
 * changed party. Changes that can remove restrictions (a smaller or removed stake, a removed party or
 * seed) first un-mark every restricted party downstream of the change, then derive them again from what
 * is still restricted around them (delete and re-derive), so the result stays the least fixpoint: never
 * a restriction that only cycles support.
 *
 * <p>Not thread-safe on its own: the graph calls it under its write lock and reads it under its read lock.
 */
final class RestrictionIndex {

    private final OwnershipGraph graph;
    private final RestrictionCriteria criteria;
    private final BitSet restricted = new BitSet();

    RestrictionIndex(OwnershipGraph graph, RestrictionCriteria criteria) {
        this.graph = graph;
        this.criteria = criteria;
        recomputeAll();
    }

    RestrictionCriteria criteria() {
        return criteria;
    }

    boolean isRestricted(int index) {
        return restricted.get(index);
    }

    /** How many parties are restricted; for benchmarks and health figures. */
    int restrictedCount() {
        return restricted.cardinality();
    }

    /** The least fixpoint from scratch: seeds first, then a worklist of the holdings of each newly restricted party. */
    void recomputeAll() {
        restricted.clear();
        ArrayDeque<Integer> work = new ArrayDeque<>();
        for (int index = 0; index < graph.indexLimit(); index++) {
            PartyInfo party = graph.partyAt(index);
            if (party != null && criteria.isSeed(party)) {
                restricted.set(index);
                work.add(index);
            }
        }
        propagate(work);
    }

    /** A stake appeared or grew, or a party became a seed: restrictions can only be added. */
    void grew(int index) {
        ArrayDeque<Integer> work = new ArrayDeque<>();
        if (!restricted.get(index) && qualifies(index)) {
            restricted.set(index);
            work.add(index);
        }
        propagate(work);
    }

    /** A stake shrank or went, or a party stopped being a seed or went: restrictions can only be removed. */
    void shrank(int index) {
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
    void removed(int index, int[] formerHoldings) {
        boolean was = restricted.get(index);
        restricted.clear(index);
        if (was) {
            for (int held : formerHoldings) {
                shrank(held);
            }
        }
    }

    private void propagate(ArrayDeque<Integer> work) {
        while (!work.isEmpty()) {
            for (int held : graph.holdingsOf(work.poll())) {
                if (!restricted.get(held) && qualifies(held)) {
                    restricted.set(held);
                    work.add(held);
                }
            }
        }
    }

    /** Restricted on its own account, or by the restricted parties that hold it now. */
    private boolean qualifies(int index) {
        PartyInfo party = graph.partyAt(index);
        if (party == null) {
            return false;
        }
        if (criteria.isSeed(party)) {
            return true;
        }
        return criteria.canBeRestrictedByOwnership(party) && criteria.exceeds(restrictedShareOf(index));
    }

    long restrictedShareOf(int index) {
        int[] owners = graph.ownersOf(index);
        long[] shares = graph.sharesOf(index);
        long sum = 0;
        for (int k = 0; k < owners.length; k++) {
            if (restricted.get(owners[k])) {
                sum += shares[k];
            }
        }
        return sum;
    }
}
