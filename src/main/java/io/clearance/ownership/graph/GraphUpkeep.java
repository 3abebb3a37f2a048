package io.clearance.ownership.graph;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.StakeTerms;

/**
 * State derived from an {@link OwnershipGraph} that must stay of the same version as the graph (the kept
 * restriction indexes): the graph calls it inside its write lock, on the dense indices of the change, before
 * any {@link GraphChangeListener} hears of it. So a reader never sees the graph and its derived state apart,
 * while the graph knows nothing of what is derived from it (the indexes live in a layer above).
 *
 * <p>Calls come in the order of the change and never overlap: the write lock serialises them. An upkeep
 * must not throw and must not call back into the graph's writes.
 */
public interface GraphUpkeep {

    /** The stakes into {@code owned} are about to change (set or removed); the graph is still as before. */
    void beforeStakesInto(int owned);

    /**
     * The stakes into {@code owned} changed, right after {@link #beforeStakesInto} for the same party.
     *
     * @param written the terms of the stake set, or null when a stake was removed
     */
    void afterStakesInto(int owned, StakeTerms written);

    /** A party was added ({@code before} null) or had its attributes replaced, in slot {@code index}. */
    void partyPut(int index, PartyInfo before, PartyInfo after);

    /** A party was removed from slot {@code index} with every stake it held or that was held in it. */
    void partyRemoved(int index, int[] formerHoldings);

    /** The whole graph was replaced: everything derived must be computed again. */
    void reloaded();

    /**
     * The whole graph is about to be replaced by the one {@code staged} holds: compute ahead, outside the
     * graph's lock (readers go on deciding meanwhile), what the new graph needs, and return what to run inside
     * the write lock right after the swap, in place of {@link #reloaded()}. {@code staged} is read by this
     * call only and is gone after it: what is returned must not keep it. By default nothing is done ahead.
     */
    default Runnable prepareReload(OwnershipGraph staged) {
        return this::reloaded;
    }
}
