package io.clearance.ownership.graph;

import io.clearance.domain.ControlBasis;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.StakeTerms;
import io.clearance.ownership.Bound;
import io.clearance.ownership.RestrictionCriteria;
import io.clearance.ownership.customers.CustomerBook;
import io.clearance.ownership.index.RestrictionIndex;
import io.clearance.ownership.index.StakeView;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
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
 *
 * <p>Why this file is longer than the others (about 700 lines): the dense arrays, the lock that guards them
 * and the maintenance of the kept restriction indexes on every change share one invariant (a reader sees
 * arrays and indexes of the same version), so they stay in one class rather than exposing the arrays.
 * What needs no access to that state lives beside it: {@link ForceIntervals}, {@link IdIndex},
 * {@link GraphLoader}, {@link StakeArrays}.
 */
public final class OwnershipGraph {

    private static final int[] NO_INDICES = new int[0];
    private static final long[] NO_SHARES = new long[0];
    // Stake flags, one byte per stake: exclusive bounds, then the control bases (ControlBasis bits, shifted).
    public static final int MIN_EXCLUSIVE = 1;
    public static final int MAX_EXCLUSIVE = 2;
    public static final int CONTROL_SHIFT = 2;

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
    // The minimum share of each stake (the share itself when exact).
    private long[][] ownerShares = new long[64][];
    private int[][] holdingIndices = new int[64][];
    // What only some stakes say, kept per party only where one of its stakes says it, so that a registry of
    // exact, undated shares pays nothing for ranges, control or dates: null means "all exact", "no flags",
    // "always in force". invariant: when not null, parallel to ownerIndices[i].
    private long[][] ownerMaxShares = new long[64][];
    private byte[][] ownerFlags = new byte[64][];
    private long[][] ownerValidFrom = new long[64][];
    private long[][] ownerValidTo = new long[64][];
    // Stakes with a range or control, and dated stakes: when none, both bounds agree and time cannot matter.
    private long uncertainStakes;
    private long datedStakes;
    private int size;
    private long version;
    // Restriction indexes kept current with every change; the most recently used last.
    private final List<RestrictionIndex> indexes = new ArrayList<>();
    private volatile ChangesOfForce changesOfForce;
    // Whole-graph restrictions at other instants than now (see indexAt), the most recently used last.
    private final Map<List<Object>, RestrictionIndex> indexesAt = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Object>, RestrictionIndex> eldest) {
            return size() > MAX_INDEXES;
        }
    };
    private static final int MAX_INDEXES = 8;

    // Which instant is "now" for the kept indexes; a test moves it to watch dated stakes come into force.
    private final Clock clock;
    // Told of each change inside the write lock (the decision memo drops what the change made stale).
    private final List<GraphChangeListener> listeners = new CopyOnWriteArrayList<>();
    // Resellers and their customers: read beside the parties, at the same version (ownership/customers).
    private final CustomerBook customers = new CustomerBook();

    public OwnershipGraph() {
        this(Clock.systemUTC());
    }

    public OwnershipGraph(Clock clock) {
        this.clock = clock;
    }

    /** The instant the kept indexes answer for. */
    public Instant now() {
        return clock.instant();
    }

    private long nowSecond() {
        return clock.instant().getEpochSecond();
    }

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
     * Makes sure a restriction index for {@code criteria} at {@code bound} exists and is current for now,
     * computing it over the whole graph if needed (first use, or a dated stake came into or out of force).
     * Call outside {@link #read}: building an index takes the write lock.
     */
    public void prepareIndex(RestrictionCriteria criteria, Bound bound) {
        long now = nowSecond();
        if (read(() -> {
            RestrictionIndex index = findIndex(criteria, bound);
            return index != null && !index.staleAt(now);
        })) {
            return;
        }
        write(() -> {
            RestrictionIndex index = findIndex(criteria, bound);
            if (index == null) {
                if (indexes.size() == MAX_INDEXES) {
                    indexes.remove(0);
                }
                indexes.add(new RestrictionIndex(this, criteria, bound, now));
            } else if (index.staleAt(now)) {
                index.recomputeAll(now);
            }
        });
    }

    /** Both bounds' indexes; see {@link #prepareIndex(RestrictionCriteria, Bound)}. */
    public void prepareIndex(RestrictionCriteria criteria) {
        prepareIndex(criteria, Bound.LOWER);
        prepareIndex(criteria, Bound.UPPER);
    }

    /**
     * The kept-current index for {@code criteria} at {@code bound}, or a throw-away one computed now; call
     * inside {@link #read}.
     */
    public RestrictionIndex index(RestrictionCriteria criteria, Bound bound) {
        RestrictionIndex index = findIndex(criteria, bound);
        return index != null ? index : new RestrictionIndex(this, criteria, bound, nowSecond());
    }

    /**
     * The restriction over the whole graph at an instant other than now: kept, a few at a time, for the
     * interval between two changes of force around {@code at}, as long as the registry does not change.
     * Call inside {@link #read}; concurrent readers share the cache under its own lock.
     */
    public RestrictionIndex indexAt(RestrictionCriteria criteria, Bound bound, long at) {
        long[] interval = forceIntervalAround(at);
        List<Object> key = List.of(criteria, bound, version, interval[0], interval[1]);
        synchronized (indexesAt) {
            RestrictionIndex kept = indexesAt.get(key);
            if (kept != null) {
                return kept;
            }
        }
        // Computed outside the cache's lock: other decisions need not wait for it.
        RestrictionIndex computed = RestrictionIndex.wholeGraphAt(this, criteria, bound, at);
        synchronized (indexesAt) {
            indexesAt.put(key, computed);
        }
        return computed;
    }

    /** The last change of force at or before {@code at} and the first after it (open ends: ALWAYS_FROM/TO). */
    private long[] forceIntervalAround(long at) {
        return ForceIntervals.around(changesOfForce(), at);
    }

    /** Every instant at which some stake comes into or goes out of force, sorted; kept per registry version. */
    private long[] changesOfForce() {
        ChangesOfForce kept = changesOfForce;
        if (kept != null && kept.version() == version) {
            return kept.instants();
        }
        long[] sorted = ForceIntervals.changes(ownerValidFrom, ownerValidTo, size, datedStakes);
        // Readers may race to build it; each builds the same array from the same state.
        changesOfForce = new ChangesOfForce(version, sorted);
        return sorted;
    }

    private record ChangesOfForce(long version, long[] instants) {}

    private RestrictionIndex findIndex(RestrictionCriteria criteria, Bound bound) {
        for (RestrictionIndex index : indexes) {
            if (index.bound() == bound && index.criteria().equals(criteria)) {
                return index;
            }
        }
        return null;
    }

    /** How many parties {@code criteria} certainly restricts now, seeds included; for benchmarks and health figures. */
    public int restrictedCount(RestrictionCriteria criteria) {
        return restrictedCount(criteria, Bound.LOWER);
    }

    public int restrictedCount(RestrictionCriteria criteria, Bound bound) {
        prepareIndex(criteria, bound);
        return read(() -> index(criteria, bound).restrictedCount());
    }

    /**
     * Tells which state of the registry a decision saw: the registry's own version when changes come
     * through {@link #applyAt}, as the server's do (so it survives restarts), else one more per change.
     */
    public long version() {
        return read(() -> version);
    }

    /**
     * Applies {@code change} (any of this graph's writes, or a loader's commit) and gives the graph the
     * version the registry recorded for it, all under one write lock: no decision sees the change without
     * its version. The version never goes down.
     */
    public void applyAt(long registryVersion, Runnable change) {
        lock.writeLock().lock();
        try {
            long before = version;
            change.run();
            version = Math.max(registryVersion, before);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public int partyCount() {
        return read(indexById::size);
    }

    /** How many stakes the graph holds (every recorded stake, in force or not); for the registry gauge. */
    public long stakeCount() {
        return read(() -> {
            long[] count = {0};
            indexById.forEach(index -> count[0] += ownerIndices[index] == null ? 0 : ownerIndices[index].length);
            return count[0];
        });
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
            for (RestrictionIndex restriction : currentIndexes()) {
                RestrictionCriteria criteria = restriction.criteria();
                if (before != null
                        && criteria.isSeed(before) == criteria.isSeed(party)
                        && criteria.canBeRestrictedByOwnership(before) == criteria.canBeRestrictedByOwnership(party)) {
                    continue; // a new name or nationality changes no restriction
                }
                restriction.shrank(index);
                restriction.grew(index);
            }
            changed(GraphChangeListener.Kind.PARTY, List.of(party.id()));
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
    void replaceAll(
            PartyInfo[] loaded,
            int count,
            int[] owned,
            int[] owners,
            long[] shares,
            StakeTerms[] terms,
            int stakeCount) {
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
            ownerMaxShares = new long[capacity][];
            ownerFlags = new byte[capacity][];
            ownerValidFrom = new long[capacity][];
            ownerValidTo = new long[capacity][];
            uncertainStakes = 0;
            datedStakes = 0;
            if (terms != null) {
                // Only the few stakes with more than an exact, undated share carry terms.
                for (int s = 0; s < stakeCount; s++) {
                    if (terms[s] != null) {
                        int position = StakeArrays.indexOf(newOwners[owned[s]], owners[s]);
                        setTerms(owned[s], position, terms[s]);
                    }
                }
            }
            size = count;
            freeCount = 0;
            IdIndex ids = new IdIndex(index -> this.parties[index].id());
            for (int i = 0; i < count; i++) {
                ids.add(newParties[i].id(), i);
            }
            indexById = ids;
            long now = nowSecond();
            for (RestrictionIndex restriction : indexes) {
                restriction.recomputeAll(now);
            }
            changed(GraphChangeListener.Kind.RELOAD, List.of());
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
            for (RestrictionIndex restriction : currentIndexes()) {
                restriction.removed(index, formerHoldings);
            }
            holdingIndices[index] = NO_INDICES;
            if (freeCount == freeIndices.length) {
                freeIndices = Arrays.copyOf(freeIndices, freeCount * 2);
            }
            freeIndices[freeCount++] = index;
            List<String> roots = new ArrayList<>(List.of(id));
            for (int held : formerHoldings) {
                if (parties[held] != null) { // a party that held a stake in itself is gone
                    roots.add(parties[held].id());
                }
            }
            changed(GraphChangeListener.Kind.PARTY, roots);
        });
    }

    /** Sets the share that {@code ownerId} holds directly in {@code ownedId}, exact and always in force. */
    public void putStake(String ownedId, String ownerId, long share) {
        putStake(ownedId, ownerId, StakeTerms.exact(share));
    }

    /** Sets what {@code ownerId} holds directly in {@code ownedId}; both parties must be present. */
    public void putStake(String ownedId, String ownerId, StakeTerms terms) {
        write(() -> {
            int owned = existing(ownedId);
            int owner = existing(ownerId);
            // The aggregates before the change, for each index: whether it can only have grown.
            List<StakeView.Sum> before = aggregates(owned);
            int position = StakeArrays.indexOf(ownerIndices[owned], owner);
            if (position < 0) {
                ownerIndices[owned] = StakeArrays.append(ownerIndices[owned], owner);
                ownerShares[owned] = StakeArrays.append(ownerShares[owned], 0);
                extendTerms(owned);
                holdingIndices[owner] = StakeArrays.append(holdingIndices[owner], owned);
                position = ownerIndices[owned].length - 1;
            }
            setTerms(owned, position, terms);
            changedInto(owned, before, terms);
            changed(GraphChangeListener.Kind.STAKE, List.of(ownedId));
        });
    }

    public void removeStake(String ownedId, String ownerId) {
        write(() -> {
            int owned = indexById.get(ownedId);
            int owner = indexById.get(ownerId);
            if (owned < 0 || owner < 0) {
                return;
            }
            int position = StakeArrays.indexOf(ownerIndices[owned], owner);
            if (position < 0) {
                return;
            }
            List<StakeView.Sum> before = aggregates(owned);
            removeEdge(owned, position);
            holdingIndices[owner] = StakeArrays.without(holdingIndices[owner], owned);
            changedInto(owned, before, null);
            changed(GraphChangeListener.Kind.STAKE, List.of(ownedId));
        });
    }

    /**
     * The kept indexes, each brought to now first: one past a change of force of a dated stake is computed
     * again (and so already reflects whatever the caller changed), the others move to now.
     */
    private List<RestrictionIndex> currentIndexes() {
        long now = nowSecond();
        List<RestrictionIndex> current = new ArrayList<>(indexes.size());
        for (RestrictionIndex restriction : indexes) {
            if (restriction.staleAt(now)) {
                restriction.recomputeAll(now);
            } else {
                restriction.advanceTo(now, null);
                current.add(restriction);
            }
        }
        return current;
    }

    /** What each kept index found in {@code owned} before a change to the stakes into it. */
    private List<StakeView.Sum> aggregates(int owned) {
        List<StakeView.Sum> sums = new ArrayList<>(indexes.size());
        for (RestrictionIndex restriction : indexes) {
            sums.add(restriction.aggregate(owned));
        }
        return sums;
    }

    /**
     * Brings every kept index up to date after the stakes into {@code owned} changed: an aggregate that can
     * only have grown may add restrictions; one that may have shrunk is deleted and re-derived downstream.
     */
    private void changedInto(int owned, List<StakeView.Sum> before, StakeTerms dated) {
        long now = nowSecond();
        for (int i = 0; i < indexes.size(); i++) {
            RestrictionIndex restriction = indexes.get(i);
            if (restriction.staleAt(now)) {
                restriction.recomputeAll(now);
                continue;
            }
            restriction.advanceTo(now, dated);
            StakeView.Sum after = restriction.aggregate(owned);
            if (!after.atLeast(before.get(i))) {
                restriction.shrank(owned);
            }
            restriction.grew(owned);
        }
    }

    // ---- accessors for graph walks; callers hold the read lock through read(...) ----

    /** The dense index of a party, or -1. */
    public int indexOf(String id) {
        return indexById.get(id);
    }

    public PartyInfo partyAt(int index) {
        return parties[index];
    }

    public int[] ownersOf(int index) {
        return ownerIndices[index];
    }

    /** The minimum share of each stake into the party (the share itself when exact). */
    public long[] sharesOf(int index) {
        return ownerShares[index];
    }

    /** The maximum shares of the stakes into the party, or null when all are exact (then the minimums). */
    public long[] maxSharesOrNull(int index) {
        return ownerMaxShares[index];
    }

    /** The flags of the stakes into the party, or null when none has any. */
    public byte[] flagsOrNull(int index) {
        return ownerFlags[index];
    }

    /** The first instants in force of the stakes into the party, or null when all are always in force. */
    public long[] validFromOrNull(int index) {
        return ownerValidFrom[index];
    }

    public long[] validToOrNull(int index) {
        return ownerValidTo[index];
    }

    /** The maximum share of the k-th stake into the party. */
    public long maxShare(int index, int k) {
        long[] max = ownerMaxShares[index];
        return max == null ? ownerShares[index][k] : max[k];
    }

    /** The flags of the k-th stake into the party: {@link #MIN_EXCLUSIVE}, {@link #MAX_EXCLUSIVE}, control bits. */
    public int flags(int index, int k) {
        byte[] flags = ownerFlags[index];
        return flags == null ? 0 : flags[k];
    }

    /** The control bases ({@link ControlBasis#bit()}) the owner of the k-th stake holds over the party. */
    public int controlBits(int index, int k) {
        return flags(index, k) >>> CONTROL_SHIFT;
    }

    public boolean inForce(int index, int k, long epochSecond) {
        long[] from = ownerValidFrom[index];
        return from == null || (from[k] <= epochSecond && epochSecond < ownerValidTo[index][k]);
    }

    /** The whole terms of the k-th stake into the party, for evidence. */
    public StakeTerms termsOf(int index, int k) {
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

    /** Some stake has a range or control: the lower and upper bounds may differ. */
    public boolean hasUncertainStakes() {
        return read(() -> uncertainStakes > 0);
    }

    boolean hasDatedStakes() {
        return datedStakes > 0;
    }

    /**
     * The first instant after {@code epochSecond} at which some stake comes into or goes out of force, or
     * {@link StakeTerms#ALWAYS_TO}: until then, which stakes are in force does not change.
     */
    public long nextChangeAfter(long epochSecond) {
        return datedStakes == 0
                ? StakeTerms.ALWAYS_TO
                : ForceIntervals.nextChangeAfter(ownerValidFrom, ownerValidTo, size, epochSecond);
    }

    public int[] holdingsOf(int index) {
        return holdingIndices[index];
    }

    /** One past the highest index in use; indices of removed parties hold {@code null}. */
    public int indexLimit() {
        return size;
    }

    /** Tells {@code listener} of every later change to parties and stakes, inside the write lock. */
    /** The declared resellers and their customers; change them only through {@link #changeCustomers}. */
    public CustomerBook customers() {
        return customers;
    }

    /**
     * Applies a change to {@link #customers()} as a change of the named parties: under the write lock, with
     * the listeners told (the memo drops the decisions of a reseller whose customers changed).
     */
    public void changeCustomers(Runnable change, List<String> parties) {
        write(() -> {
            change.run();
            changed(GraphChangeListener.Kind.PARTY, parties);
        });
    }

    public void addListener(GraphChangeListener listener) {
        listeners.add(listener);
    }

    public void removeListener(GraphChangeListener listener) {
        listeners.remove(listener);
    }

    // ---- internals ----

    private void changed(GraphChangeListener.Kind kind, List<String> roots) {
        for (GraphChangeListener listener : listeners) {
            listener.changed(kind, roots);
        }
    }

    private void write(Runnable change) {
        lock.writeLock().lock();
        try {
            change.run();
            version++;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Stores the terms of the stake at {@code position} into {@code owned}, allocating side arrays on need. */
    private void setTerms(int owned, int position, StakeTerms terms) {
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
            ownerMaxShares = Arrays.copyOf(ownerMaxShares, capacity);
            ownerFlags = Arrays.copyOf(ownerFlags, capacity);
            ownerValidFrom = Arrays.copyOf(ownerValidFrom, capacity);
            ownerValidTo = Arrays.copyOf(ownerValidTo, capacity);
        }
        int index = size++;
        ownerIndices[index] = NO_INDICES;
        ownerShares[index] = NO_SHARES;
        holdingIndices[index] = NO_INDICES;
        ownerMaxShares[index] = null;
        ownerFlags[index] = null;
        ownerValidFrom[index] = null;
        ownerValidTo[index] = null;
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
}
