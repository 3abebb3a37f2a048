package io.clearance.registry.outbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.clearance.domain.CustomerLink;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.StakeTerms;
import io.clearance.ownership.graph.ReloadOrigin;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;

/**
 * The registry's outbox ({@code registry_change}): every change is recorded here in its own transaction, at
 * the registry version it raises the registry to, and read back by every instance's {@link RegistryFollower}.
 *
 * <p>The sequence is the {@code registry_version} counter rather than a database sequence: raising the
 * counter locks its row until commit, so numbers are handed out in commit order and a rolled-back change takes
 * none. A follower that has applied {@code n} therefore finds {@code n + 1} next once it is committed, and the
 * version a decision reports is the outbox position its graph stands at. The cost is that registry writes from
 * every instance take turns on that row for the last moment of their transaction (after their own rows are
 * written, see {@link #record}).
 */
@ApplicationScoped
public class RegistryOutbox {

    /** The {@code LISTEN/NOTIFY} channel on PostgreSQL; the payload is the sequence number committed. */
    public static final String CHANNEL = "clearance_registry";

    static final String READ_VERSION = "select version from registry_version where id = 1";
    private static final String RAISE = "update registry_version set version = version + 1 where id = 1";
    private static final String INSERT = "insert into registry_change"
            + " (seq, kind, party_id, other_id, instance_id, recorded_at, data)"
            + " values (?, ?, ?, ?, ?, current_timestamp, ?)";
    private static final String AFTER =
            "select seq, kind, party_id, other_id, data from registry_change where seq > ? order by seq";

    // Newest first, so that a load past more imports than are named names the newest.
    private static final String IMPORTS = "select seq, data from registry_change"
            + " where seq > ? and seq <= ? and kind = 'RELOAD' order by seq desc";

    /** The most imports one load names. */
    public static final int IMPORTS_NAMED = 100;

    private static final String PRUNED_THROUGH = "select through from registry_outbox_pruned where id = 1";
    private static final String MARK_PRUNED =
            "update registry_outbox_pruned set through = ? where id = 1 and through < ?";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // StakeTerms' derived getters (isExact, isDated) are written and ignored when read back.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private final DataSource dataSource;
    private final InstanceId instance;
    private final boolean postgres;

    RegistryOutbox(
            DataSource dataSource,
            InstanceId instance,
            @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
        this.dataSource = dataSource;
        this.instance = instance;
        this.postgres = isPostgres(dbKind);
    }

    static boolean isPostgres(String dbKind) {
        return dbKind.toLowerCase(java.util.Locale.ROOT).startsWith("postgres");
    }

    /** True on PostgreSQL, where a committed change also wakes the other instances ({@code NOTIFY}). */
    public boolean notifies() {
        return postgres;
    }

    /**
     * Records {@code change} in the caller's transaction (the one that made it) and returns the registry
     * version it raised the registry to. Flushes the change's own rows first: the counter is the last row
     * every registry transaction locks, so two writers never wait on each other in a cycle.
     */
    public long record(RegistryChange change) {
        Session session = Panache.getEntityManager().unwrap(Session.class);
        session.flush();
        return session.doReturningWork(connection -> record(connection, change, instance.id(), postgres));
    }

    /**
     * Records a bulk change (an import, {@code imported}) on {@code connection}, inside its transaction, just
     * before it commits: instances load the graph again at the version returned, and name the import.
     */
    public long recordReload(Connection connection, RegistryChange.Imported imported) throws SQLException {
        return record(connection, RegistryChange.reload(imported), instance.id(), postgres);
    }

    /** As {@link #recordReload(Connection, RegistryChange.Imported)}, for a tool that runs without the server. */
    public static long recordReload(Connection connection, String instanceId, RegistryChange.Imported imported)
            throws SQLException {
        return record(
                connection,
                RegistryChange.reload(imported),
                instanceId,
                connection
                        .getMetaData()
                        .getDatabaseProductName()
                        .toLowerCase(java.util.Locale.ROOT)
                        .contains("postgres"));
    }

    /**
     * The imports recorded in {@code (after, upTo]}, oldest first, read on {@code connection} (in the snapshot a
     * load of the registry reads, so that the load names exactly the imports it brings in); at most
     * {@link #IMPORTS_NAMED}, the newest ones, since a load that catches up over more names only those.
     */
    public static List<ReloadOrigin.Import> importsBetween(Connection connection, long after, long upTo)
            throws SQLException {
        List<ReloadOrigin.Import> imports = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(IMPORTS)) {
            query.setMaxRows(IMPORTS_NAMED);
            query.setLong(1, after);
            query.setLong(2, upTo);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    RegistryChange.Imported imported = read(
                                    rows.getLong(1), RegistryChange.Kind.RELOAD.name(), null, null, rows.getString(2))
                            .imported();
                    if (imported != null) {
                        imports.add(new ReloadOrigin.Import(rows.getLong(1), imported.job(), imported.format()));
                    }
                }
            }
        }
        java.util.Collections.reverse(imports);
        return imports;
    }

    static long record(Connection connection, RegistryChange change, String instanceId, boolean notify)
            throws SQLException {
        long seq;
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(RAISE);
            try (ResultSet row = statement.executeQuery(READ_VERSION)) {
                row.next();
                seq = row.getLong(1);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setLong(1, seq);
            insert.setString(2, change.kind().name());
            setNullable(insert, 3, change.partyId());
            setNullable(insert, 4, change.otherId());
            insert.setString(5, instanceId);
            setNullable(insert, 6, data(change));
            insert.executeUpdate();
        }
        if (notify) {
            // Transactional: delivered to listeners when, and only if, the change commits.
            try (PreparedStatement wake = connection.prepareStatement("select pg_notify(?, ?)")) {
                wake.setString(1, CHANNEL);
                wake.setString(2, Long.toString(seq));
                wake.executeQuery().close();
            }
        }
        return seq;
    }

    /** The changes recorded after {@code seq}, in order, at most {@code limit}; on a connection of its own. */
    public List<RegistryChange> after(long seq, int limit) throws SQLException {
        List<RegistryChange> changes = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(AFTER)) {
            query.setMaxRows(limit);
            query.setLong(1, seq);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    changes.add(read(
                            rows.getLong(1),
                            rows.getString(2),
                            rows.getString(3),
                            rows.getString(4),
                            rows.getString(5)));
                }
            }
        }
        return changes;
    }

    /**
     * A connection for the listener, from the datasource's pool: so it is opened however the pool opens its
     * connections (a credentials provider, TLS settings, the pool's limits). It holds one of the pool's
     * connections for as long as it listens; {@link #dropListenConnection} keeps it from going back.
     */
    Connection listenConnection() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(true); // NOTIFY is delivered between transactions: the session must be in none
        return connection;
    }

    /**
     * Ends the listener's connection so that the pool destroys it rather than lend it on: a session that has
     * listened (or broke while it did) must not be handed to a writer. {@code abort} is how JDBC says "never
     * reuse this"; Agroal marks the connection to be flushed, then {@code close} gives it back to be destroyed.
     */
    static void dropListenConnection(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException expected) {
            // Agroal answers abort by marking the connection flush-only and throwing: dropped all the same.
        }
        try {
            connection.close();
        } catch (SQLException | RuntimeException ignored) {
            // already gone with its session
        }
    }

    /**
     * Deletes the rows older than {@code keepFor} (database time) that are not among the newest {@code keepRows}
     * (at least the newest one stays), in slices of {@code slice} sequence numbers so that no one transaction
     * grows with the backlog. Idempotent: instances pruning at once delete each row once between them.
     *
     * @return how many rows this call deleted
     */
    public long prune(long keepRows, java.time.Duration keepFor, int slice) throws SQLException {
        long deleted = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            long below;
            java.time.OffsetDateTime now;
            long oldest;
            try (Statement statement = connection.createStatement()) {
                try (ResultSet row = statement.executeQuery(READ_VERSION)) {
                    below = row.next() ? row.getLong(1) - Math.max(1, keepRows) : 0;
                }
                try (ResultSet row = statement.executeQuery("select current_timestamp")) {
                    row.next();
                    now = row.getObject(1, java.time.OffsetDateTime.class);
                }
                try (ResultSet row = statement.executeQuery("select min(seq) from registry_change")) {
                    oldest = row.next() ? row.getLong(1) : 0; // 0 when empty (getLong of null)
                }
            }
            if (below < 1 || oldest == 0) {
                return 0;
            }
            // Each slice commits its deletes with the mark that says how far rows may be gone (PRUNED_THROUGH).
            connection.setAutoCommit(false);
            try (PreparedStatement delete = connection.prepareStatement(
                            "delete from registry_change where seq >= ? and seq <= ? and recorded_at < ?");
                    PreparedStatement mark = connection.prepareStatement(MARK_PRUNED)) {
                for (long from = oldest; from <= below; from += slice) {
                    long to = Math.min(below, from + slice - 1);
                    delete.setLong(1, from);
                    delete.setLong(2, to);
                    delete.setObject(3, now.minus(keepFor));
                    int gone = delete.executeUpdate();
                    if (gone > 0) {
                        mark.setLong(1, to);
                        mark.setLong(2, to);
                        mark.executeUpdate();
                    }
                    connection.commit();
                    deleted += gone;
                }
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
        return deleted;
    }

    /**
     * The highest sequence number whose row pruning may have deleted (0 when none): a change at or below it that a
     * follower has not applied is gone for good. Every number up to it was handed out by a committed transaction
     * (pruning keeps at least the newest row), so such a hole is never a change still on its way.
     */
    public long prunedThrough() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(PRUNED_THROUGH)) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    /** The registry version as stored now: the last sequence number committed. */
    public long storedVersion() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(READ_VERSION)) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    private static void setNullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    static String data(RegistryChange change) {
        if (change.kind() == RegistryChange.Kind.RELOAD && change.imported() == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(
                    new Data(change.party(), change.reseller(), change.terms(), change.link(), change.imported()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the registry change " + change, e);
        }
    }

    static RegistryChange read(long seq, String kind, String partyId, String otherId, String data) {
        Data read;
        try {
            read = data == null ? new Data(null, null, null, null, null) : JSON.readValue(data, Data.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("registry change " + seq + " cannot be read: " + e.getOriginalMessage(), e);
        }
        return new RegistryChange(
                seq,
                RegistryChange.Kind.valueOf(kind),
                partyId,
                otherId,
                read.party(),
                read.reseller(),
                read.terms(),
                read.link(),
                read.imported());
    }

    /** What a row's {@code data} holds: the stored state the change left, by kind. */
    record Data(
            PartyInfo party, Boolean reseller, StakeTerms terms, CustomerLink link, RegistryChange.Imported imported) {}
}
