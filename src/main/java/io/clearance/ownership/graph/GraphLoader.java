package io.clearance.ownership.graph;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.StakeTerms;
import java.util.Arrays;

/**
 * Loads a whole registry into an {@link OwnershipGraph} at once, as at start: parties and stakes are
 * collected into flat arrays, then {@link #commit()} builds every party's edge arrays at their final size
 * in two passes and swaps them in under one write lock. Putting millions of stakes one by one would copy
 * each party's arrays once per stake and take the lock each time.
 *
 * <p>Parties must arrive before the stakes that name them; each (owned, owner) pair at most once, as the
 * registry's primary key guarantees. Not thread-safe; one loader fills one graph once.
 */
public final class GraphLoader {

    private final OwnershipGraph graph;
    private PartyInfo[] parties = new PartyInfo[1024];
    private int partyCount;
    private IdIndex ids = new IdIndex(index -> this.parties[index].id());
    private int[] owned = new int[1024];
    private int[] owners = new int[1024];
    private long[] shares = new long[1024];
    private StakeTerms[] terms = new StakeTerms[0];
    private int stakeCount;

    GraphLoader(OwnershipGraph graph) {
        this.graph = graph;
    }

    /** Adds a party, or replaces one added before. */
    public void party(PartyInfo party) {
        PartyInfo shared = graph.withSharedCodes(party);
        int index = ids.get(party.id());
        if (index >= 0) {
            parties[index] = shared;
            return;
        }
        if (partyCount == parties.length) {
            parties = Arrays.copyOf(parties, partyCount * 2);
        }
        parties[partyCount] = shared;
        ids.add(party.id(), partyCount++);
    }

    /** Adds what {@code ownerId} holds directly in {@code ownedId}; both must have been added. */
    public void stake(String ownedId, String ownerId, StakeTerms terms) {
        stake(ownedId, ownerId, terms.min());
        if (terms.isExact() && terms.controlBits() == 0 && !terms.isDated()) {
            return;
        }
        // Few stakes say more than an exact share: their terms are kept aside, by stake number.
        if (this.terms.length < owned.length) {
            this.terms = Arrays.copyOf(this.terms, owned.length);
        }
        this.terms[stakeCount - 1] = terms;
    }

    /** Adds the share {@code ownerId} holds directly in {@code ownedId}; both must have been added. */
    public void stake(String ownedId, String ownerId, long share) {
        int ownedIndex = existing(ownedId);
        int ownerIndex = existing(ownerId);
        if (stakeCount == owned.length) {
            int capacity = stakeCount * 2;
            owned = Arrays.copyOf(owned, capacity);
            owners = Arrays.copyOf(owners, capacity);
            shares = Arrays.copyOf(shares, capacity);
        }
        owned[stakeCount] = ownedIndex;
        owners[stakeCount] = ownerIndex;
        shares[stakeCount++] = share;
    }

    public int partyCount() {
        return partyCount;
    }

    public int stakeCount() {
        return stakeCount;
    }

    /**
     * Replaces everything the graph holds with what was loaded and recomputes its restriction indexes.
     *
     * @throws IllegalArgumentException when one owner holds two stakes in the same party
     */
    public void commit() {
        graph.replaceAll(
                parties,
                partyCount,
                owned,
                owners,
                shares,
                terms.length < stakeCount ? Arrays.copyOf(terms, stakeCount) : terms,
                stakeCount);
        // The loader's arrays now belong to the graph or are garbage; a second commit would share them.
        parties = null;
        ids = null;
        owned = null;
        owners = null;
        shares = null;
        terms = null;
    }

    private int existing(String id) {
        int index = ids.get(id);
        if (index < 0) {
            throw new IllegalArgumentException("no party `" + id + "` loaded before a stake that names it");
        }
        return index;
    }
}
