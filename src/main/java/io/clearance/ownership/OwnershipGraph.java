package io.clearance.ownership;

import io.clearance.registry.PartyInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The in-memory mirror of the registry that decisions read: parties by dense index, and for each party
 * its direct owners (with their shares) and its direct holdings, in primitive arrays. Decisions never
 * wait on the database for ownership; the registry updates this graph after each committed change.
 *
 * <p>Memory at registry scale: the id map is a table of ints ({@link IdIndex}), country codes are shared
 * instances, and a party without owners or holdings shares the empty arrays; what remains per party is
 * its {@link PartyInfo} (explanations need its name) and the three edge arrays.
 *
 * <p>Thread-safety: writers take the write lock; every graph walk runs inside {@link #read(Supplier)}.
 */
public final class OwnershipGraph {

    private static final int[] NO_INDICES = new int[0];
    private static final long[] NO_SHARES = new long[0];

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private IdIndex indexById = new IdIndex(index -> this.parties[index].id());
    // Slots of removed parties, reused before the arrays grow.
    private int[] freeIndices = new int[16];
    private int freeCount;
    // One instance per country code: a registry loaded from the database would otherwise hold millions of "US".
    private final Map<String, String> countryCodes = new HashMap<>();

    // invariant: ownerIndices[i][k] holds shares[i][k] of party i, and i appears in holdingIndices[owner]
    private PartyInfo[] parties = new PartyInfo[64];
    private int[][] ownerIndices = new int[64][];
    private long[][] ownerShares = new long[64][];
    private int[][] holdingIndices = new int[64][];
    private int size;
    private long version;
    // Restriction indexes kept current with every change; the most recently used last.
    private final List<RestrictionIndex> indexes = new ArrayList<>();
    private static final int MAX_INDEXES = 8;

    /** Runs a walk over a consistent state of the graph. */
    public <T> T read(Supplier<T> walk) {
        lock.readLock().lock();
        try {
            return walk.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Makes sure a restriction index for {@code criteria} exists and is kept current, computing it over the
     * whole graph if needed. Call outside {@link #read}: building an index takes the write lock.
     */
    public void prepareIndex(RestrictionCriteria criteria) {
        if (read(() -> findIndex(criteria) != null)) {
            return;
        }
        write(() -> {
            if (findIndex(criteria) == null) {
                if (indexes.size() == MAX_INDEXES) {
                    indexes.remove(0);
                }
                indexes.add(new RestrictionIndex(this, criteria));
            }
        });
    }

    /** The kept-current index for {@code criteria}, or a throw-away one computed now; call inside {@link #read}. */
    RestrictionIndex index(RestrictionCriteria criteria) {
        RestrictionIndex index = findIndex(criteria);
        return index != null ? index : new RestrictionIndex(this, criteria);
    }

    private RestrictionIndex findIndex(RestrictionCriteria criteria) {
        for (RestrictionIndex index : indexes) {
            if (index.criteria().equals(criteria)) {
                return index;
            }
        }
        return null;
    }

    /** How many parties {@code criteria} restricts now, seeds included; for benchmarks and health figures. */
    public int restrictedCount(RestrictionCriteria criteria) {
        prepareIndex(criteria);
        return read(() -> index(criteria).restrictedCount());
    }

    /** Increases by one on every change; tells which state of the registry a decision saw. */
    public long version() {
        return read(() -> version);
    }

    public int partyCount() {
        return read(indexById::size);
    }

    /** The ids of every party, as of now; for whole-registry runs such as impact analysis. */
    public List<String> partyIds() {
        return read(() -> {
            List<String> ids = new ArrayList<>(indexById.size());
            indexById.forEach(index -> ids.add(parties[index].id()));
            return List.copyOf(ids);
        });
    }

    public Optional<PartyInfo> party(String id) {
        return read(() -> {
            int index = indexById.get(id);
            return Optional.ofNullable(index < 0 ? null : parties[index]);
        });
    }

    /** Adds a party or replaces its attributes; its stakes stay as they are. */
    public void putParty(PartyInfo given) {
        PartyInfo party = withSharedCodes(given);
        write(() -> {
            int index = indexById.get(party.id());
            PartyInfo before = null;
            if (index < 0) {
                index = allocate();
                parties[index] = party; // before add: the id map reads ids back from the party array
                indexById.add(party.id(), index);
            } else {
                before = parties[index];
                parties[index] = party;
            }
            for (RestrictionIndex restriction : indexes) {
                RestrictionCriteria criteria = restriction.criteria();
                if (before != null
                        && criteria.isSeed(before) == criteria.isSeed(party)
                        && criteria.canBeRestrictedByOwnership(before) == criteria.canBeRestrictedByOwnership(party)) {
                    continue; // a new name or nationality changes no restriction
                }
                restriction.shrank(index);
                restriction.grew(index);
            }
        });
    }

    /** A loader that replaces the whole graph with a registry read in one go; for the start of the server. */
    public GraphLoader loader() {
        return new GraphLoader(this);
    }

    /**
     * Replaces the graph with {@code count} parties and {@code stakeCount} stakes given as parallel arrays
     * of dense indices; builds each party's edge arrays at their final size.
     */
    void replaceAll(PartyInfo[] loaded, int count, int[] owned, int[] owners, long[] shares, int stakeCount) {
        int[] ownerCounts = new int[count];
        int[] holdingCounts = new int[count];
        for (int s = 0; s < stakeCount; s++) {
            ownerCounts[owned[s]]++;
            holdingCounts[owners[s]]++;
        }
        // invariant: the party array and the three edge arrays always have the same length
        int capacity = Math.max(64, loaded.length);
        int[][] newOwners = new int[capacity][];
        long[][] newShares = new long[capacity][];
        int[][] newHoldings = new int[capacity][];
        for (int i = 0; i < capacity; i++) {
            int o = i < count ? ownerCounts[i] : 0;
            int h = i < count ? holdingCounts[i] : 0;
            newOwners[i] = o == 0 ? NO_INDICES : new int[o];
            newShares[i] = o == 0 ? NO_SHARES : new long[o];
            newHoldings[i] = h == 0 ? NO_INDICES : new int[h];
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
                        "`" + loaded[duplicate].id() + "` holds two stakes in `" + loaded[i].id() + "`");
            }
        }
        PartyInfo[] newParties = loaded.length == capacity ? loaded : Arrays.copyOf(loaded, capacity);
        write(() -> {
            parties = newParties;
            ownerIndices = newOwners;
            ownerShares = newShares;
            holdingIndices = newHoldings;
            size = count;
            freeCount = 0;
            IdIndex ids = new IdIndex(index -> this.parties[index].id());
            for (int i = 0; i < count; i++) {
                ids.add(newParties[i].id(), i);
            }
            indexById = ids;
            for (RestrictionIndex restriction : indexes) {
                restriction.recomputeAll();
            }
        });
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

    /** Removes a party and every stake it holds or that is held in it. */
    public void removeParty(String id) {
        write(() -> {
            int index = indexById.remove(id);
            if (index < 0) {
                return;
            }
            for (int owner : ownerIndices[index]) {
                holdingIndices[owner] = without(holdingIndices[owner], index);
            }
            int[] formerHoldings = holdingIndices[index];
            for (int held : formerHoldings) {
                int position = indexOf(ownerIndices[held], index);
                ownerIndices[held] = removeAt(ownerIndices[held], position);
                ownerShares[held] = removeAt(ownerShares[held], position);
            }
            parties[index] = null;
            for (RestrictionIndex restriction : indexes) {
                restriction.removed(index, formerHoldings);
            }
            ownerIndices[index] = NO_INDICES;
            ownerShares[index] = NO_SHARES;
            holdingIndices[index] = NO_INDICES;
            if (freeCount == freeIndices.length) {
                freeIndices = Arrays.copyOf(freeIndices, freeCount * 2);
            }
            freeIndices[freeCount++] = index;
        });
    }

    /** Sets what {@code ownerId} holds directly in {@code ownedId}; both parties must be present. */
    public void putStake(String ownedId, String ownerId, StakeTerms terms) {
        putStake(ownedId, ownerId, terms.min()); // TODO(core): keep the whole terms
    }

    /** Sets the share that {@code ownerId} holds directly in {@code ownedId}; both parties must be present. */
    public void putStake(String ownedId, String ownerId, long share) {
        write(() -> {
            int owned = existing(ownedId);
            int owner = existing(ownerId);
            int position = indexOf(ownerIndices[owned], owner);
            long before = 0;
            if (position >= 0) {
                before = ownerShares[owned][position];
                ownerShares[owned][position] = share;
            } else {
                ownerIndices[owned] = append(ownerIndices[owned], owner);
                ownerShares[owned] = append(ownerShares[owned], share);
                holdingIndices[owner] = append(holdingIndices[owner], owned);
            }
            for (RestrictionIndex restriction : indexes) {
                // Only a restricted owner's stake counts; a change to anyone else's changes nothing.
                if (!restriction.isRestricted(owner)) {
                    continue;
                }
                if (share >= before) {
                    restriction.grew(owned);
                } else {
                    restriction.shrank(owned);
                }
            }
        });
    }

    public void removeStake(String ownedId, String ownerId) {
        write(() -> {
            int owned = indexById.get(ownedId);
            int owner = indexById.get(ownerId);
            if (owned < 0 || owner < 0) {
                return;
            }
            int position = indexOf(ownerIndices[owned], owner);
            if (position < 0) {
                return;
            }
            ownerIndices[owned] = removeAt(ownerIndices[owned], position);
            ownerShares[owned] = removeAt(ownerShares[owned], position);
            holdingIndices[owner] = without(holdingIndices[owner], owned);
            for (RestrictionIndex restriction : indexes) {
                if (restriction.isRestricted(owner)) {
                    restriction.shrank(owned);
                }
            }
        });
    }

    // ---- accessors for graph walks; callers hold the read lock through read(...) ----

    /** The dense index of a party, or -1. */
    int indexOf(String id) {
        return indexById.get(id);
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

    int[] holdingsOf(int index) {
        return holdingIndices[index];
    }

    /** One past the highest index in use; indices of removed parties hold {@code null}. */
    int indexLimit() {
        return size;
    }

    // ---- internals ----

    private void write(Runnable change) {
        lock.writeLock().lock();
        try {
            change.run();
            version++;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private int existing(String id) {
        int index = indexById.get(id);
        if (index < 0) {
            throw new IllegalArgumentException("no party `" + id + "` in the ownership graph");
        }
        return index;
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
        }
        int index = size++;
        ownerIndices[index] = NO_INDICES;
        ownerShares[index] = NO_SHARES;
        holdingIndices[index] = NO_INDICES;
        return index;
    }

    PartyInfo withSharedCodes(PartyInfo party) {
        synchronized (countryCodes) {
            String country = countryCodes.computeIfAbsent(party.country(), code -> code);
            String nationality = party.nationality() == null
                    ? null
                    : countryCodes.computeIfAbsent(party.nationality(), code -> code);
            if (country == party.country() && nationality == party.nationality()) {
                return party;
            }
            return new PartyInfo(party.id(), party.name(), party.kind(), country, nationality);
        }
    }

    private static int indexOf(int[] values, int value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static int[] append(int[] values, int value) {
        int[] grown = Arrays.copyOf(values, values.length + 1);
        grown[values.length] = value;
        return grown;
    }

    private static long[] append(long[] values, long value) {
        long[] grown = Arrays.copyOf(values, values.length + 1);
        grown[values.length] = value;
        return grown;
    }

    private static int[] without(int[] values, int value) {
        int position = indexOf(values, value);
        return position < 0 ? values : removeAt(values, position);
    }

    private static int[] removeAt(int[] values, int position) {
        int[] shrunk = new int[values.length - 1];
        System.arraycopy(values, 0, shrunk, 0, position);
        System.arraycopy(values, position + 1, shrunk, position, values.length - position - 1);
        return shrunk;
    }

    private static long[] removeAt(long[] values, int position) {
        long[] shrunk = new long[values.length - 1];
        System.arraycopy(values, 0, shrunk, 0, position);
        System.arraycopy(values, position + 1, shrunk, position, values.length - position - 1);
        return shrunk;
    }
}
