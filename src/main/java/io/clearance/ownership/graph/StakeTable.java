package io.clearance.ownership.graph;

import static io.clearance.ownership.graph.OwnershipGraph.CONTROL_SHIFT;
import static io.clearance.ownership.graph.OwnershipGraph.MAX_EXCLUSIVE;
import static io.clearance.ownership.graph.OwnershipGraph.MIN_EXCLUSIVE;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.StakeTerms;
import java.util.Arrays;

/**
 * The storage of an {@link OwnershipGraph}: parties by dense index, and for each party its direct owners
 * (with their shares and terms) and its direct holdings, in primitive arrays. It neither locks nor tells
 * anyone of a change: the graph does both around each edit. A party without owners or holdings shares the
 * empty arrays; what some stakes only say (ranges, control, dates) costs nothing where no stake says it.
 */
final class StakeTable {

    static final int[] NO_INDICES = new int[0];
    static final long[] NO_SHARES = new long[0];

    /** What {@link #remove} took away: the slot the party had and the parties it held stakes in. */
    record Removed(int index, int[] formerHoldings) {}

    private final IdIndex ids = new IdIndex(index -> this.parties[index].id());
    // Slots of removed parties, reused before the arrays grow.
    private int[] freeIndices = new int[16];
    private int freeCount;

    // invariant: ownerIndices[i][k] holds ownerShares[i][k] of party i, and i appears in holdingIndices[owner]
    // invariant: the party array and every edge array have the same length
    private PartyInfo[] parties;
    private int[][] ownerIndices;
    // The minimum share of each stake (the share itself when exact).
    private long[][] ownerShares;
    private int[][] holdingIndices;
    // What only some stakes say, kept per party only where one of its stakes says it, so that a registry of
    // exact, undated shares pays nothing for ranges, control or dates: null means "all exact", "no flags",
    // "always in force". invariant: when not null, parallel to ownerIndices[i].
    private long[][] ownerMaxShares;
    private byte[][] ownerFlags;
    private long[][] ownerValidFrom;
    private long[][] ownerValidTo;
    // Where each stake came from, as ints naming entries of `sources`; null where every stake into the party
    // was typed through the API (so a registry without imports pays nothing).
    private int[][] ownerSources;
    private final StakeSources sources;
    // Stakes with a range or control, and dated stakes: when none, both bounds agree and time cannot matter.
    private long uncertainStakes;
    private long datedStakes;
    private int size;

    /** An empty table. */
    StakeTable() {
        this(new PartyInfo[64], 0, new int[64][], new long[64][], new int[64][], new StakeSources());
    }

    /**
     * A table over arrays built elsewhere (the loader's, at their final size), of exact, undated stakes;
     * {@link #setTerms} then adds what more some stakes say.
     */
    StakeTable(PartyInfo[] parties, int size, int[][] owners, long[][] shares, int[][] holdings, StakeSources sources) {
        int capacity = parties.length;
        this.parties = parties;
        this.ownerIndices = owners;
        this.ownerShares = shares;
        this.holdingIndices = holdings;
        this.ownerMaxShares = new long[capacity][];
        this.ownerFlags = new byte[capacity][];
        this.ownerValidFrom = new long[capacity][];
        this.ownerValidTo = new long[capacity][];
        this.ownerSources = new int[capacity][];
        this.sources = sources;
        this.size = size;
        for (int i = 0; i < size; i++) {
            ids.add(parties[i].id(), i);
        }
    }

    // ---- reads ----

    int indexOf(String id) {
        return ids.get(id);
    }

    int partyCount() {
        return ids.size();
    }

    void forEachParty(java.util.function.IntConsumer action) {
        ids.forEach(action);
    }

    /** Every recorded stake, in force or not. */
    long stakeCount() {
        long[] count = {0};
        forEachParty(index -> count[0] += ownerIndices[index] == null ? 0 : ownerIndices[index].length);
        return count[0];
    }

    PartyInfo partyAt(int index) {
        return parties[index];
    }

    int[] ownersOf(int index) {
        return ownerIndices[index];
    }

    long[] sharesOf(int index) {
        return ownerShares[index];
    }

    long[] maxSharesOrNull(int index) {
        return ownerMaxShares[index];
    }

    byte[] flagsOrNull(int index) {
        return ownerFlags[index];
    }

    long[] validFromOrNull(int index) {
        return ownerValidFrom[index];
    }

    long[] validToOrNull(int index) {
        return ownerValidTo[index];
    }

    int[] holdingsOf(int index) {
        return holdingIndices[index];
    }

    long maxShare(int index, int k) {
        long[] max = ownerMaxShares[index];
        return max == null ? ownerShares[index][k] : max[k];
    }

    int flags(int index, int k) {
        byte[] flags = ownerFlags[index];
        return flags == null ? 0 : flags[k];
    }

    boolean inForce(int index, int k, long epochSecond) {
        long[] from = ownerValidFrom[index];
        return from == null || (from[k] <= epochSecond && epochSecond < ownerValidTo[index][k]);
    }

    StakeTerms termsOf(int index, int k) {
        int flags = flags(index, k);
        long[] from = ownerValidFrom[index];
        return new StakeTerms(
                ownerShares[index][k],
                (flags & MIN_EXCLUSIVE) != 0,
                maxShare(index, k),
                (flags & MAX_EXCLUSIVE) != 0,
                flags >>> CONTROL_SHIFT,
                from == null ? StakeTerms.ALWAYS_FROM : from[k],
                from == null ? StakeTerms.ALWAYS_TO : ownerValidTo[index][k]);
    }

    /** Where the k-th stake into the party came from; null for a stake typed through the API. */
    StakeSource sourceOf(int index, int k) {
        int[] refs = ownerSources[index];
        return refs == null ? null : sources.source(refs[k]);
    }

    /** Where the stake {@code owner} holds in {@code owned} came from; null for the API's or when there is none. */
    StakeSource sourceOfStake(int owned, int owner) {
        int[] refs = ownerSources[owned];
        if (refs == null) {
            return null; // every stake into the party came through the API: no search for the owner
        }
        int position = positionOf(owned, owner);
        return position < 0 ? null : sources.source(refs[position]);
    }

    boolean hasUncertainStakes() {
        return uncertainStakes > 0;
    }

    boolean hasDatedStakes() {
        return datedStakes > 0;
    }

    int indexLimit() {
        return size;
    }

    /** Every instant at which some stake comes into or goes out of force, sorted and distinct. */
    long[] changesOfForce() {
        return ForceIntervals.changes(ownerValidFrom, ownerValidTo, size, datedStakes);
    }

    long nextChangeAfter(long epochSecond) {
        return datedStakes == 0
                ? StakeTerms.ALWAYS_TO
                : ForceIntervals.nextChangeAfter(ownerValidFrom, ownerValidTo, size, epochSecond);
    }

    // ---- edits ----

    /** Adds a party not yet present; returns its slot. */
    int add(PartyInfo party) {
        int index = allocate();
        parties[index] = party; // before add: the id map reads ids back from the party array
        ids.add(party.id(), index);
        return index;
    }

    /** Replaces the attributes of the party in {@code index}; returns what it had. */
    PartyInfo replace(int index, PartyInfo party) {
        PartyInfo before = parties[index];
        parties[index] = party;
        return before;
    }

    /** Removes a party and every stake it holds or that is held in it; null when there is no such party. */
    Removed remove(String id) {
        int index = ids.remove(id);
        if (index < 0) {
            return null;
        }
        for (int owner : ownerIndices[index]) {
            holdingIndices[owner] = StakeArrays.without(holdingIndices[owner], index);
        }
        int[] formerHoldings = holdingIndices[index];
        for (int held : formerHoldings) {
            removeEdge(held, StakeArrays.indexOf(ownerIndices[held], index));
        }
        while (ownerIndices[index].length > 0) {
            removeEdge(index, ownerIndices[index].length - 1);
        }
        parties[index] = null;
        holdingIndices[index] = NO_INDICES;
        if (freeCount == freeIndices.length) {
            freeIndices = Arrays.copyOf(freeIndices, freeCount * 2);
        }
        freeIndices[freeCount++] = index;
        return new Removed(index, formerHoldings);
    }

    /** The position of {@code owner} among the owners of {@code owned}, or -1. */
    int positionOf(int owned, int owner) {
        return StakeArrays.indexOf(ownerIndices[owned], owner);
    }

    /** Sets what {@code owner} holds directly in {@code owned}, adding the stake when there is none. */
    void putStake(int owned, int owner, StakeTerms terms) {
        int position = positionOf(owned, owner);
        if (position < 0) {
            ownerIndices[owned] = StakeArrays.append(ownerIndices[owned], owner);
            ownerShares[owned] = StakeArrays.append(ownerShares[owned], 0);
            extendTerms(owned);
            holdingIndices[owner] = StakeArrays.append(holdingIndices[owner], owned);
            position = ownerIndices[owned].length - 1;
        }
        setTerms(owned, position, terms);
        setSource(owned, position, null); // a stake put one by one comes through the API
    }

    /** Records where the stake at {@code position} into {@code owned} came from (null: the API). */
    void setSource(int owned, int position, StakeSource source) {
        int ref = sources.ref(source);
        if (ownerSources[owned] == null) {
            if (ref == StakeSources.NONE) {
                return;
            }
            ownerSources[owned] = new int[ownerIndices[owned].length];
        }
        ownerSources[owned][position] = ref;
    }

    /** Removes the stake at {@code position} into {@code owned}, from both of its ends. */
    void removeStake(int owned, int owner, int position) {
        removeEdge(owned, position);
        holdingIndices[owner] = StakeArrays.without(holdingIndices[owner], owned);
    }

    /** Stores the terms of the stake at {@code position} into {@code owned}, allocating side arrays on need. */
    void setTerms(int owned, int position, StakeTerms terms) {
        int k = position;
        boolean wasUncertain = isUncertain(owned, k);
        boolean wasDated = ownerValidFrom[owned] != null && ownerValidFrom[owned][k] != StakeTerms.ALWAYS_FROM
                || ownerValidTo[owned] != null && ownerValidTo[owned][k] != StakeTerms.ALWAYS_TO;
        ownerShares[owned][k] = terms.min();
        int length = ownerIndices[owned].length;
        if (terms.max() != terms.min() && ownerMaxShares[owned] == null) {
            ownerMaxShares[owned] = ownerShares[owned].clone();
        }
        if (ownerMaxShares[owned] != null) {
            ownerMaxShares[owned][k] = terms.max();
        }
        int flags = (terms.minExclusive() ? MIN_EXCLUSIVE : 0)
                | (terms.maxExclusive() ? MAX_EXCLUSIVE : 0)
                | terms.controlBits() << CONTROL_SHIFT;
        if (flags != 0 && ownerFlags[owned] == null) {
            ownerFlags[owned] = new byte[length];
        }
        if (ownerFlags[owned] != null) {
            ownerFlags[owned][k] = (byte) flags;
        }
        if (terms.isDated() && ownerValidFrom[owned] == null) {
            long[] from = new long[length];
            long[] to = new long[length];
            Arrays.fill(from, StakeTerms.ALWAYS_FROM);
            Arrays.fill(to, StakeTerms.ALWAYS_TO);
            ownerValidFrom[owned] = from;
            ownerValidTo[owned] = to;
        }
        if (ownerValidFrom[owned] != null) {
            ownerValidFrom[owned][k] = terms.validFrom();
            ownerValidTo[owned][k] = terms.validTo();
        }
        uncertainStakes += (isUncertain(owned, k) ? 1 : 0) - (wasUncertain ? 1 : 0);
        datedStakes += (terms.isDated() ? 1 : 0) - (wasDated ? 1 : 0);
    }

    private boolean isUncertain(int owned, int k) {
        return maxShare(owned, k) != ownerShares[owned][k] || flags(owned, k) != 0;
    }

    /** Grows the side arrays of {@code owned} by one stake (an exact, undated share), after ownerIndices grew. */
    private void extendTerms(int owned) {
        int length = ownerIndices[owned].length;
        if (ownerMaxShares[owned] != null) {
            ownerMaxShares[owned] = Arrays.copyOf(ownerMaxShares[owned], length);
        }
        if (ownerFlags[owned] != null) {
            ownerFlags[owned] = Arrays.copyOf(ownerFlags[owned], length);
        }
        if (ownerValidFrom[owned] != null) {
            ownerValidFrom[owned] = Arrays.copyOf(ownerValidFrom[owned], length);
            ownerValidTo[owned] = Arrays.copyOf(ownerValidTo[owned], length);
            ownerValidFrom[owned][length - 1] = StakeTerms.ALWAYS_FROM;
            ownerValidTo[owned][length - 1] = StakeTerms.ALWAYS_TO;
        }
        if (ownerSources[owned] != null) {
            ownerSources[owned] = Arrays.copyOf(ownerSources[owned], length);
        }
    }

    /** Removes the stake at {@code position} into {@code owned} with its terms; the owner's holdings stay. */
    private void removeEdge(int owned, int position) {
        setTerms(owned, position, StakeTerms.exact(0)); // keeps the counts of uncertain and dated stakes right
        ownerIndices[owned] = StakeArrays.removeAt(ownerIndices[owned], position);
        ownerShares[owned] = StakeArrays.removeAt(ownerShares[owned], position);
        if (ownerMaxShares[owned] != null) {
            ownerMaxShares[owned] = StakeArrays.removeAt(ownerMaxShares[owned], position);
        }
        if (ownerFlags[owned] != null) {
            byte[] flags = ownerFlags[owned];
            byte[] shrunk = new byte[flags.length - 1];
            System.arraycopy(flags, 0, shrunk, 0, position);
            System.arraycopy(flags, position + 1, shrunk, position, flags.length - position - 1);
            ownerFlags[owned] = shrunk;
        }
        if (ownerValidFrom[owned] != null) {
            ownerValidFrom[owned] = StakeArrays.removeAt(ownerValidFrom[owned], position);
            ownerValidTo[owned] = StakeArrays.removeAt(ownerValidTo[owned], position);
        }
        if (ownerSources[owned] != null) {
            ownerSources[owned] = StakeArrays.removeAt(ownerSources[owned], position);
        }
    }

    private int allocate() {
        if (freeCount > 0) {
            return freeIndices[--freeCount];
        }
        if (size == parties.length) {
            int capacity = size * 2;
            parties = Arrays.copyOf(parties, capacity);
            ownerIndices = Arrays.copyOf(ownerIndices, capacity);
            ownerShares = Arrays.copyOf(ownerShares, capacity);
            holdingIndices = Arrays.copyOf(holdingIndices, capacity);
            ownerMaxShares = Arrays.copyOf(ownerMaxShares, capacity);
            ownerFlags = Arrays.copyOf(ownerFlags, capacity);
            ownerValidFrom = Arrays.copyOf(ownerValidFrom, capacity);
            ownerValidTo = Arrays.copyOf(ownerValidTo, capacity);
            ownerSources = Arrays.copyOf(ownerSources, capacity);
        }
        int index = size++;
        ownerIndices[index] = NO_INDICES;
        ownerShares[index] = NO_SHARES;
        holdingIndices[index] = NO_INDICES;
        ownerMaxShares[index] = null;
        ownerFlags[index] = null;
        ownerValidFrom[index] = null;
        ownerValidTo[index] = null;
        ownerSources[index] = null;
        return index;
    }
}
