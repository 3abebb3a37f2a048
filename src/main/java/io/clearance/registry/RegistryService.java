package io.clearance.registry;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.StakeTerms;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.problem.ErrorCode;
import io.clearance.registry.outbox.RegistryChange;
import io.clearance.registry.outbox.RegistryFollower;
import io.clearance.registry.outbox.RegistryOutbox;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Every change to the registry goes through here: it is validated, committed, and only then mirrored
 * into the ownership graph, so decisions never see a change that was not stored. A refused change
 * throws {@link RegistryRejection} and changes nothing.
 *
 * <p>Every change is recorded in the registry's outbox in its own transaction ({@link RegistryOutbox}), and
 * reaches the graph through the {@link RegistryFollower}, which applies the outbox in sequence: this
 * instance's changes and those other instances on the same database commit alike. A writer answers once its
 * own graph shows its change. Writers from every instance are serialised by the database (row locks on the
 * parties they change, then the registry version's row); reads of the graph are never blocked by a transaction.
 */
@ApplicationScoped
public class RegistryService {

    private static final Comparator<Stake> LARGEST_FIRST = Comparator.<Stake>comparingLong(
                    s -> s.terms().min())
            .thenComparing(s -> s.terms().minExclusive())
            .thenComparingLong(s -> s.terms().max())
            .reversed()
            .thenComparing(Stake::ownerId);

    private final OwnershipGraph graph;
    private final DataSource dataSource;
    private final RegistryOutbox outbox;
    private final RegistryFollower follower;
    private final ReentrantLock writes = new ReentrantLock();
    // The version the calling thread's last write raised the registry to, until its answer takes it.
    private final ThreadLocal<Long> lastWrite = new ThreadLocal<>();
    private volatile boolean graphLoaded;

    RegistryService(OwnershipGraph graph, DataSource dataSource, RegistryOutbox outbox, RegistryFollower follower) {
        this.graph = graph;
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.follower = follower;
    }

    public Optional<PartyInfo> party(String id) {
        return graph.party(id);
    }

    public Upsert<PartyInfo> putParty(PartyInfo party) {
        return putParty(party, null, () -> {});
    }

    /** As {@link #putParty(PartyInfo)}, declaring the party a reseller or not; {@code null} leaves it as it was. */
    public Upsert<PartyInfo> putParty(PartyInfo party, Boolean reseller) {
        return putParty(party, reseller, () -> {});
    }

    /**
     * Stores a party and, in the same transaction once the party row is written, {@code alongside} (what is
     * stored beside the party, such as its identifiers): a refusal thrown by either changes nothing.
     *
     * @param reseller whether the party is declared a reseller; {@code null} leaves it as it was
     */
    public Upsert<PartyInfo> putParty(PartyInfo party, Boolean reseller, Runnable alongside) {
        PartyRules.checkParty(party);
        boolean[] declared = new boolean[1];
        return write(
                () -> {
                    PartyEntity entity = PartyEntity.findById(party.id());
                    boolean created = entity == null;
                    Instant now = Instant.now();
                    if (created) {
                        entity = new PartyEntity();
                        entity.id = party.id();
                        entity.createdAt = now;
                    }
                    entity.name = party.name();
                    entity.kind = party.kind();
                    entity.country = party.country();
                    entity.nationality = party.nationality();
                    if (reseller != null) {
                        entity.reseller = reseller;
                    }
                    declared[0] = entity.reseller;
                    entity.updatedAt = now;
                    entity.fromApi();
                    entity.persist();
                    alongside.run();
                    return new Upsert<>(entity.toInfo(), created);
                },
                stored -> RegistryChange.partyPut(stored.value(), declared[0]));
    }

    /**
     * Deletes a party. One that holds or is held through stakes is kept unless {@code withStakes}, so that
     * ownership is never dropped by accident.
     */
    public void deleteParty(String id, boolean withStakes) {
        PartyRules.checkId(id);
        write(
                () -> {
                    PartyEntity entity = PartyEntity.findById(id, LockModeType.PESSIMISTIC_WRITE);
                    if (entity == null) {
                        throw RegistryRejection.unknownParty(id);
                    }
                    long stakes = StakeEntity.count("ownedId = ?1 or ownerId = ?1", id);
                    if (stakes > 0 && !withStakes) {
                        throw new RegistryRejection(
                                ErrorCode.PARTY_HAS_STAKES,
                                "party `" + id + "` holds or is held through " + stakes
                                        + " stake(s); delete them first, or pass `withStakes=true`");
                    }
                    StakeEntity.delete("ownedId = ?1 or ownerId = ?1", id);
                    entity.delete();
                    return id;
                },
                RegistryChange::partyDeleted);
    }

    /**
     * Sets the direct stake {@code ownerId} holds in {@code ownedId}, replacing the one it held. Refused when
     * the minimum shares in {@code ownedId} would pass 100% at an instant the new stake is in force (see
     * {@link ShareLimit}).
     */
    public Upsert<Stake> putStake(String ownedId, String ownerId, StakeTerms terms) {
        PartyRules.checkId(ownedId);
        PartyRules.checkId(ownerId);
        PartyRules.checkTerms(terms);
        return write(
                () -> {
                    // Locking the owned party serialises stake changes into it across instances too.
                    PartyEntity owned = PartyEntity.findById(ownedId, LockModeType.PESSIMISTIC_WRITE);
                    if (owned == null) {
                        throw RegistryRejection.unknownParty(ownedId);
                    }
                    // Shared lock on the owner: a delete of it (which locks it to write) waits for this stake
                    // and then finds it (409 party-has-stakes), or this waits for the delete and finds no owner
                    // (unknown party); never a foreign-key failure at commit.
                    PartyEntity owner = ownedId.equals(ownerId)
                            ? owned
                            : PartyEntity.findById(ownerId, LockModeType.PESSIMISTIC_READ);
                    if (owner == null) {
                        throw RegistryRejection.unknownParty(ownerId);
                    }
                    if (ownedId.equals(ownerId)) {
                        throw new RegistryRejection(
                                ErrorCode.SELF_OWNERSHIP, "party `" + ownedId + "` cannot own itself");
                    }
                    List<StakeTerms> together = new ArrayList<>();
                    StakeEntity.<StakeEntity>list("ownedId = ?1 and ownerId <> ?2", ownedId, ownerId)
                            .forEach(s -> together.add(s.terms()));
                    together.add(terms);
                    ShareLimit.firstExcess(together, terms.validFrom(), terms.validTo())
                            .ifPresent(excess -> {
                                throw RegistryRejection.stakesExceed100(
                                        ownedId, excess, excess.minimum() - terms.min());
                            });
                    StakeEntity stake = StakeEntity.findById(new StakeEntity.Key(ownedId, ownerId));
                    boolean created = stake == null;
                    Instant now = Instant.now();
                    if (created) {
                        stake = new StakeEntity();
                        stake.ownedId = ownedId;
                        stake.ownerId = ownerId;
                        stake.createdAt = now;
                    }
                    stake.setTerms(terms);
                    stake.updatedAt = now;
                    stake.fromApi();
                    stake.persist();
                    return new Upsert<>(new Stake(ownedId, ownerId, owner.name, terms), created);
                },
                stored ->
                        RegistryChange.stakePut(ownedId, ownerId, stored.value().terms()));
    }

    public void deleteStake(String ownedId, String ownerId) {
        PartyRules.checkId(ownedId);
        PartyRules.checkId(ownerId);
        write(
                () -> {
                    if (PartyEntity.findById(ownedId) == null) {
                        throw RegistryRejection.unknownParty(ownedId);
                    }
                    if (PartyEntity.findById(ownerId) == null) {
                        throw RegistryRejection.unknownParty(ownerId);
                    }
                    if (!StakeEntity.deleteById(new StakeEntity.Key(ownedId, ownerId))) {
                        throw new RegistryRejection(
                                ErrorCode.UNKNOWN_STAKE, "`" + ownerId + "` holds no stake in `" + ownedId + "`");
                    }
                    return ownedId;
                },
                ignored -> RegistryChange.stakeDeleted(ownedId, ownerId));
    }

    /** The direct owners of a party, largest stake first: by minimum share, then maximum, then owner id. */
    public List<Stake> owners(String ownedId) {
        PartyRules.checkId(ownedId);
        return QuarkusTransaction.joiningExisting().call(() -> {
            if (PartyEntity.findById(ownedId) == null) {
                throw RegistryRejection.unknownParty(ownedId);
            }
            List<StakeEntity> stakes = StakeEntity.list("ownedId = ?1", ownedId);
            Map<String, String> names =
                    PartyEntity.<PartyEntity>list(
                                    "id in ?1",
                                    stakes.stream().map(s -> s.ownerId).toList())
                            .stream()
                            .collect(Collectors.toMap(p -> p.id, p -> p.name));
            return stakes.stream()
                    .map(s -> new Stake(s.ownedId, s.ownerId, names.get(s.ownerId), s.terms()))
                    .sorted(LARGEST_FIRST)
                    .toList();
        });
    }

    /**
     * Loads the whole registry into the graph; at start, before any decision. Plain JDBC with a fetch size
     * rather than entities: at millions of rows, managed entities would cost more than the graph itself. Then
     * follows the changes committed since, by this instance or another ({@link RegistryFollower}).
     */
    public void loadGraph() {
        long loadedAt = loadInto(graph);
        graphLoaded = true;
        follower.start(loadedAt, reason -> loadInto(graph, reason));
    }

    /** True once {@link #loadGraph()} has mirrored the registry into the graph that decisions read. */
    public boolean graphLoaded() {
        return graphLoaded;
    }

    /** The loaded graph in a line: its parties and registry version. */
    public String graphSummary() {
        return graph.partyCount() + " parties at registry version " + graph.version();
    }

    /**
     * Loads the registry into {@code target}, as at start; a test's second graph stands for a restart. Reads in
     * one snapshot (repeatable read), so that the version read names exactly the state read even while other
     * instances write, and returns that version.
     */
    long loadInto(OwnershipGraph target) {
        return loadInto(target, null);
    }

    /**
     * As {@link #loadInto(OwnershipGraph)}, a load again that tells the graph's listeners what it brought in
     * ({@link RegistrySnapshot}); {@code reason} is why, null for the load at start.
     */
    long loadInto(OwnershipGraph target, String reason) {
        return RegistrySnapshot.load(dataSource, target, reason);
    }

    public long partyCount() {
        return QuarkusTransaction.joiningExisting().call(() -> PartyEntity.count());
    }

    /** The registry's version as stored: raised by every committed change, read by every load. */
    public long storedVersion() {
        return QuarkusTransaction.joiningExisting()
                .call(() -> ((Number) Panache.getEntityManager()
                                .createNativeQuery(RegistryVersion.READ)
                                .getSingleResult())
                        .longValue());
    }

    /**
     * Runs a bulk change that commits or rolls back on a connection of its own (an import, which records a
     * reload in the outbox as it commits: {@link RegistryOutbox#recordReload}), then, when it committed, has the
     * graph follow: decisions go on reading the old state until the reload swaps the new one in at once, and
     * never see half an import. Serialised with every other write of this instance, which waits for it.
     *
     * @param change returns true when it committed
     */
    public boolean bulk(Callable<Boolean> change) {
        writes.lock();
        try {
            boolean committed = change.call();
            if (committed) {
                follower.catchUpTo(storedVersion());
            }
            return committed;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            writes.unlock();
        }
    }

    /** Records a bulk change on {@code connection}, in its transaction, just before it commits; see {@link #bulk}. */
    public long recordBulk(Connection connection, RegistryChange.Imported imported) throws SQLException {
        return outbox.recordReload(connection, imported);
    }

    /**
     * Commits {@code change} with its record in the outbox ({@code recordOf} the value it returned), which
     * raises the registry's version, then has the graph follow up to it: one write.
     */
    <T> T write(Callable<T> change, Function<T, RegistryChange> recordOf) {
        // In-process writers take turns (they would only wait on each other's row locks); writers of other
        // instances meet them in the database, and a conflict there is tried again.
        writes.lock();
        try {
            Versioned<T> committed = WriteConflicts.retrying(() -> QuarkusTransaction.requiringNew()
                    .call(() -> {
                        T value = change.call();
                        // In the change's own transaction: the version counts exactly the committed changes.
                        return new Versioned<>(value, outbox.record(recordOf.apply(value)));
                    }));
            lastWrite.set(committed.version());
            follower.catchUpTo(committed.version());
            return committed.value();
        } finally {
            writes.unlock();
        }
    }

    /**
     * The registry version this thread's last write raised the registry to, once: for the answer to the
     * request that wrote, which tells it to the client (read-your-writes on any instance).
     */
    public OptionalLong takeLastWrite() {
        Long version = lastWrite.get();
        lastWrite.remove();
        return version == null ? OptionalLong.empty() : OptionalLong.of(version);
    }

    private record Versioned<T>(T value, long version) {}
}
