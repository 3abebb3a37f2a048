package io.clearance.ownership.graph;

import io.clearance.domain.ControlBasis;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.StakeTerms;
import io.clearance.ownership.customers.CustomerBook;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The in-memory mirror of the registry that decisions read: parties and the stakes between them, under one
 * read-write lock, with the version of the registry they stand for. Decisions never wait on the database for
 * ownership; the registry updates this graph after each committed change.
 *
 * <p>This class is the lock and the door: every write takes the write lock, edits the {@link StakeTable},
 * has the {@link ChangePublisher} tell the {@link GraphUpkeep}s (the kept restriction indexes, which live
 * in {@code ownership.index} and register themselves) and then the {@link GraphChangeListener}s, all before
 * the lock is released, so a reader sees the arrays and everything derived from them at one version. Every
 * graph walk runs inside {@link #read(Supplier)} and reads the table through the accessors below.
 */
public final class OwnershipGraph {

    // Stake flags, one byte per stake: exclusive bounds, then the control bases (ControlBasis bits, shifted).
    public static final int MIN_EXCLUSIVE = 1;
    public static final int MAX_EXCLUSIVE = 2;
    public static final int CONTROL_SHIFT = 2;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    // Replaced whole when a registry is loaded in one go; edited in place otherwise, under the write lock.
    private StakeTable table = new StakeTable();
    private long version;
    // The version the change applyAt runs raises the graph to, while it runs; else 0 (see changingTo).
    private long applying;
    private final CountryCodes countryCodes = new CountryCodes();
    private final ChangePublisher publisher = new ChangePublisher();
    // What layers above keep per graph (the restriction indexes), by type; see derived().
    private final Map<Class<?>, Object> derived = new ConcurrentHashMap<>();
    private volatile ChangesOfForce changesOfForce;

    // Which instant is "now" for the kept indexes; a test moves it to watch dated stakes come into force.
    private final Clock clock;
    // Resellers and their customers: read beside the parties, at the same version (ownership/customers).
    private final CustomerBook customers = new CustomerBook();

    public OwnershipGraph() {
        this(Clock.systemUTC());
    }

    public OwnershipGraph(Clock clock) {
        this.clock = clock;
    }

    // A graph over a table being loaded, for upkeeps to compute ahead of the swap (prepareReload).
    private OwnershipGraph(Clock clock, StakeTable staged) {
        this(clock);
        this.table = staged;
    }

    /** The instant the kept indexes answer for. */
    public Instant now() {
        return clock.instant();
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
     * Runs {@code work} under the write lock: for derived state that must be computed from one consistent graph
     * while no one reads it. Call outside {@link #read}. Not a change of version: it changes no party or stake,
     * and the version a decision reports must name a state of the registry (the outbox position other
     * instances are asked to reach with {@code minRegistryVersion}), not count this instance's index builds.
     */
    public void exclusively(Runnable work) {
        lock.writeLock().lock();
        try {
            work.run();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * The state of type {@code type} that a layer above keeps for this graph, made by {@code make} on first
     * use (which may register a {@link GraphUpkeep}): lets the restriction indexes live beside the graph
     * without the graph knowing their type.
     */
    public <T> T derived(Class<T> type, Function<OwnershipGraph, T> make) {
        return type.cast(derived.computeIfAbsent(type, key -> make.apply(this)));
    }

    /** Has {@code upkeep} told of every later change, inside the write lock, before the listeners. */
    public void addUpkeep(GraphUpkeep upkeep) {
        publisher.addUpkeep(upkeep);
    }

    /** Tells {@code listener} of every later change to parties and stakes, inside the write lock. */
    public void addListener(GraphChangeListener listener) {
        publisher.addListener(listener);
    }

    public void removeListener(GraphChangeListener listener) {
        publisher.removeListener(listener);
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
            applying = Math.max(registryVersion, version);
            change.run();
            version = applying;
        } finally {
            applying = 0;
            lock.writeLock().unlock();
        }
    }

    /** For a listener, in the write lock: the version its change raises the graph to, as on every instance. */
    public long changingTo() {
        return applying > 0 ? applying : version + 1;
    }

    public int partyCount() {
        return read(() -> table.partyCount());
    }

    /** How many stakes the graph holds (every recorded stake, in force or not); for the registry gauge. */
    public long stakeCount() {
        return read(() -> table.stakeCount());
    }

    /** The ids of every party, as of now; for whole-registry runs such as impact analysis. */
    public List<String> partyIds() {
        return read(() -> {
            List<String> ids = new ArrayList<>(table.partyCount());
            table.forEachParty(index -> ids.add(table.partyAt(index).id()));
            return List.copyOf(ids);
        });
    }

    public Optional<PartyInfo> party(String id) {
        return read(() -> {
            int index = table.indexOf(id);
            return Optional.ofNullable(index < 0 ? null : table.partyAt(index));
        });
    }

    // ---- writes ----

    /** Adds a party or replaces its attributes; its stakes stay as they are. */
    public void putParty(PartyInfo given) {
        PartyInfo party = withSharedCodes(given);
        write(() -> {
            int index = table.indexOf(party.id());
            PartyInfo before = null;
            if (index < 0) {
                index = table.add(party);
            } else {
                before = table.replace(index, party);
            }
            publisher.partyPut(index, before, party);
        });
    }

    /** Removes a party and every stake it holds or that is held in it. */
    public void removeParty(String id) {
        write(() -> {
            StakeTable.Removed removed = table.remove(id);
            if (removed == null) {
                return;
            }
            List<String> roots = new ArrayList<>(List.of(id));
            for (int held : removed.formerHoldings()) {
                PartyInfo party = table.partyAt(held);
                if (party != null) { // a party that held a stake in itself is gone
                    roots.add(party.id());
                }
            }
            publisher.partyRemoved(removed.index(), removed.formerHoldings(), roots);
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
            publisher.beforeStakesInto(owned);
            table.putStake(owned, owner, terms);
            publisher.stakesChanged(owned, terms, ownedId);
        });
    }

    public void removeStake(String ownedId, String ownerId) {
        write(() -> {
            int owned = table.indexOf(ownedId);
            int owner = table.indexOf(ownerId);
            if (owned < 0 || owner < 0) {
                return;
            }
            int position = table.positionOf(owned, owner);
            if (position < 0) {
                return;
            }
            publisher.beforeStakesInto(owned);
            table.removeStake(owned, owner, position);
            publisher.stakesChanged(owned, null, ownedId);
        });
    }

    /** A loader that replaces the whole graph with a registry read in one go; for the start of the server. */
    public GraphLoader loader() {
        return new GraphLoader(this);
    }

    /** Has the upkeeps compute ahead, over a graph of its own, what a loaded table needs; outside the lock. */
    Map<GraphUpkeep, Runnable> prepareReload(StakeTable loaded) {
        return publisher.prepareReload(new OwnershipGraph(clock, loaded));
    }

    /** Swaps in a table the loader built, as one change, with what the upkeeps computed ahead (if anything). */
    void replaceWith(StakeTable loaded, Map<GraphUpkeep, Runnable> prepared, ReloadOrigin origin) {
        write(() -> {
            StakeTable before = table;
            table = loaded;
            publisher.reloaded(prepared, new ReloadChanges(this, before, loaded, customers.takeReplaced(), origin));
        });
    }

    PartyInfo withSharedCodes(PartyInfo party) {
        return countryCodes.shared(party);
    }

    // ---- accessors for graph walks; callers hold the read lock through read(...) ----

    /** The dense index of a party, or -1. */
    public int indexOf(String id) {
        return table.indexOf(id);
    }

    public PartyInfo partyAt(int index) {
        return table.partyAt(index);
    }

    public int[] ownersOf(int index) {
        return table.ownersOf(index);
    }

    /** The minimum share of each stake into the party (the share itself when exact). */
    public long[] sharesOf(int index) {
        return table.sharesOf(index);
    }

    /** The maximum shares of the stakes into the party, or null when all are exact (then the minimums). */
    public long[] maxSharesOrNull(int index) {
        return table.maxSharesOrNull(index);
    }

    /** The flags of the stakes into the party, or null when none has any. */
    public byte[] flagsOrNull(int index) {
        return table.flagsOrNull(index);
    }

    /** The first instants in force of the stakes into the party, or null when all are always in force. */
    public long[] validFromOrNull(int index) {
        return table.validFromOrNull(index);
    }

    public long[] validToOrNull(int index) {
        return table.validToOrNull(index);
    }

    /** The maximum share of the k-th stake into the party. */
    public long maxShare(int index, int k) {
        return table.maxShare(index, k);
    }

    /** The flags of the k-th stake into the party: {@link #MIN_EXCLUSIVE}, {@link #MAX_EXCLUSIVE}, control bits. */
    public int flags(int index, int k) {
        return table.flags(index, k);
    }

    /** The control bases ({@link ControlBasis#bit()}) the owner of the k-th stake holds over the party. */
    public int controlBits(int index, int k) {
        return flags(index, k) >>> CONTROL_SHIFT;
    }

    public boolean inForce(int index, int k, long epochSecond) {
        return table.inForce(index, k, epochSecond);
    }

    /** The whole terms of the k-th stake into the party, for evidence. */
    public StakeTerms termsOf(int index, int k) {
        return table.termsOf(index, k);
    }

    /** Where the k-th stake into the party came from (an import's source, record and date); null: the API. */
    public StakeSource sourceOf(int index, int k) {
        return table.sourceOf(index, k);
    }

    /**
     * Where the stake the party at {@code owner} holds in the party at {@code owned} came from; null for a stake
     * typed through the API, or when there is no such stake. For evidence: it searches the party's owners.
     */
    public StakeSource stakeSource(int owned, int owner) {
        return table.sourceOfStake(owned, owner);
    }

    public int[] holdingsOf(int index) {
        return table.holdingsOf(index);
    }

    /** One past the highest index in use; indices of removed parties hold {@code null}. */
    public int indexLimit() {
        return table.indexLimit();
    }

    /** Some stake has a range or control: the lower and upper bounds may differ. */
    public boolean hasUncertainStakes() {
        return read(() -> table.hasUncertainStakes());
    }

    boolean hasDatedStakes() {
        return table.hasDatedStakes();
    }

    // ---- intervals of force ----

    /** The first instant after {@code epochSecond} when the stakes in force change, or StakeTerms.ALWAYS_TO. */
    public long nextChangeAfter(long epochSecond) {
        return table.nextChangeAfter(epochSecond);
    }

    /**
     * The last change of force at or before {@code at} and the first after it (open ends: ALWAYS_FROM/TO):
     * a restriction computed for {@code at} holds for that whole interval. Call inside {@link #read}.
     */
    public long[] forceIntervalAround(long at) {
        return ForceIntervals.around(changesOfForce(), at);
    }

    /** Every instant at which some stake comes into or goes out of force, sorted; kept per registry version. */
    private long[] changesOfForce() {
        ChangesOfForce kept = changesOfForce;
        if (kept != null && kept.version() == version) {
            return kept.instants();
        }
        long[] sorted = table.changesOfForce();
        // Readers may race to build it; each builds the same array from the same state.
        changesOfForce = new ChangesOfForce(version, sorted);
        return sorted;
    }

    private record ChangesOfForce(long version, long[] instants) {}

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
            publisher.customersChanged(parties);
        });
    }

    private void write(Runnable change) {
        exclusively(() -> {
            change.run();
            version++;
        });
    }

    private int existing(String id) {
        int index = table.indexOf(id);
        if (index < 0) {
            throw new IllegalArgumentException("no party `" + id + "` in the ownership graph");
        }
        return index;
    }
}
