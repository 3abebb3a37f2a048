package io.clearance.ownership.graph;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.StakeTerms;
import java.util.Arrays;
import java.util.Map;

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
    // Where each stake came from, by stake number; grown only once a stake has a source.
    private final StakeSources sources = new StakeSources();
    private int[] sourceRefs = new int[0];
    private int stakeCount;
    // Built by prepare(), ahead of commit(); null until then.
    private StakeTable staged;
    private Map<GraphUpkeep, Runnable> prepared;

    GraphLoader(OwnershipGraph graph) {
        this.graph = graph;
    }

    /** Adds a party, or replaces one added before. */
    public void party(PartyInfo party) {
        requireOpen();
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

    /** Adds a stake as {@link #stake(String, String, StakeTerms)}, recording where it came from (null: the API). */
    public void stake(String ownedId, String ownerId, StakeTerms terms, StakeSource source) {
        stake(ownedId, ownerId, terms);
        int ref = sources.ref(source);
        if (ref == StakeSources.NONE) {
            return;
        }
        if (sourceRefs.length < owned.length) {
            sourceRefs = Arrays.copyOf(sourceRefs, owned.length);
        }
        sourceRefs[stakeCount - 1] = ref;
    }

    /** Adds the share {@code ownerId} holds directly in {@code ownedId}; both must have been added. */
    public void stake(String ownedId, String ownerId, long share) {
        requireOpen();
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
     * Replaces everything the graph holds with what was loaded; the graph's derived state (its kept
     * restriction indexes) is computed again.
     *
     * @throws IllegalArgumentException when one owner holds two stakes in the same party
     */
    public void commit() {
        commit(ReloadOrigin.unknown());
    }

    /** As {@link #commit()}, telling the graph's listeners what the load brought in ({@code origin}). */
    public void commit(ReloadOrigin origin) {
        if (staged != null) {
            graph.replaceWith(staged, prepared, origin);
        } else {
            graph.replaceWith(
                    table(terms.length < stakeCount ? Arrays.copyOf(terms, stakeCount) : terms), Map.of(), origin);
        }
        staged = null;
        prepared = null;
        // The loader's arrays now belong to the graph or are garbage; a second commit would share them.
        parties = null;
        ids = null;
        owned = null;
        owners = null;
        shares = null;
        terms = null;
        sourceRefs = null;
    }

    /**
     * Builds the graph's new table and what the graph keeps derived from it (the restriction indexes) now,
     * outside the graph's lock, so that {@link #commit()}, even inside {@link OwnershipGraph#applyAt}, only
     * swaps them in and decisions do not wait for the indexes. Nothing may be added after it; optional.
     */
    public void prepare() {
        if (staged != null) {
            return;
        }
        staged = table(terms.length < stakeCount ? Arrays.copyOf(terms, stakeCount) : terms);
        prepared = graph.prepareReload(staged);
    }

    /** Builds each party's edge arrays at their final size, in two passes over the loaded stakes. */
    private StakeTable table(StakeTerms[] terms) {
        int count = partyCount;
        int[] ownerCounts = new int[count];
        int[] holdingCounts = new int[count];
        for (int s = 0; s < stakeCount; s++) {
            ownerCounts[owned[s]]++;
            holdingCounts[owners[s]]++;
        }
        // invariant: the party array and the three edge arrays always have the same length
        int capacity = Math.max(64, parties.length);
        int[][] newOwners = new int[capacity][];
        long[][] newShares = new long[capacity][];
        int[][] newHoldings = new int[capacity][];
        for (int i = 0; i < capacity; i++) {
            int o = i < count ? ownerCounts[i] : 0;
            int h = i < count ? holdingCounts[i] : 0;
            newOwners[i] = o == 0 ? StakeTable.NO_INDICES : new int[o];
            newShares[i] = o == 0 ? StakeTable.NO_SHARES : new long[o];
            newHoldings[i] = h == 0 ? StakeTable.NO_INDICES : new int[h];
        }
        // The counts become fill positions, counting down, so stakes keep their load order per party.
        for (int s = stakeCount - 1; s >= 0; s--) {
            int position = --ownerCounts[owned[s]];
            newOwners[owned[s]][position] = owners[s];
            newShares[owned[s]][position] = shares[s];
            newHoldings[owners[s]][--holdingCounts[owners[s]]] = owned[s];
        }
        for (int i = 0; i < count; i++) {
            int duplicate = duplicateIn(newOwners[i]);
            if (duplicate >= 0) {
                throw new IllegalArgumentException(
                        "`" + parties[duplicate].id() + "` holds two stakes in `" + parties[i].id() + "`");
            }
        }
        PartyInfo[] newParties = parties.length == capacity ? parties : Arrays.copyOf(parties, capacity);
        StakeTable table = new StakeTable(newParties, count, newOwners, newShares, newHoldings, sources);
        if (terms != null) {
            // Only the few stakes with more than an exact, undated share carry terms.
            for (int s = 0; s < stakeCount; s++) {
                if (terms[s] != null) {
                    table.setTerms(owned[s], table.positionOf(owned[s], owners[s]), terms[s]);
                }
            }
        }
        for (int s = 0; s < Math.min(stakeCount, sourceRefs.length); s++) {
            if (sourceRefs[s] != StakeSources.NONE) {
                table.setSource(owned[s], table.positionOf(owned[s], owners[s]), sources.source(sourceRefs[s]));
            }
        }
        return table;
    }

    /** An owner listed twice in one party's owners, or -1; most parties have a handful of owners. */
    private static int duplicateIn(int[] values) {
        if (values.length < 2) {
            return -1;
        }
        if (values.length <= 16) {
            for (int a = 1; a < values.length; a++) {
                for (int b = 0; b < a; b++) {
                    if (values[a] == values[b]) {
                        return values[a];
                    }
                }
            }
            return -1;
        }
        int[] sorted = values.clone();
        Arrays.sort(sorted);
        for (int k = 1; k < sorted.length; k++) {
            if (sorted[k] == sorted[k - 1]) {
                return sorted[k];
            }
        }
        return -1;
    }

    private int existing(String id) {
        int index = ids.get(id);
        if (index < 0) {
            throw new IllegalArgumentException("no party `" + id + "` loaded before a stake that names it");
        }
        return index;
    }

    private void requireOpen() {
        if (staged != null) {
            throw new IllegalStateException("the registry was prepared for the graph: nothing may be added after it");
        }
    }
}
