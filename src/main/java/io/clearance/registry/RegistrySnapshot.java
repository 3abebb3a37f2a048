package io.clearance.registry;

import io.clearance.domain.CustomerLink;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.ownership.graph.GraphLoader;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.ownership.graph.ReloadOrigin;
import io.clearance.registry.outbox.RegistryOutbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The whole registry read into a graph in one snapshot (repeatable read), so that the version read names
 * exactly the state read even while other instances write: at start, and whenever the follower loads it
 * again. A load again also reads, in the same snapshot, the imports committed since the graph's version
 * (the outbox's reload rows), and hands them to the graph's listeners with the new table
 * ({@link ReloadOrigin}): the watches name the import that flipped a decision on every instance, not only
 * on the one that ran the job.
 */
final class RegistrySnapshot {

    private static final Logger LOG = Logger.getLogger(RegistrySnapshot.class);
    private static final int LOAD_FETCH_SIZE = 10_000;

    private RegistrySnapshot() {}

    /**
     * Loads the registry into {@code target} and returns the version it was read at.
     *
     * @param reason why it is read again, for the listeners when it brings in no import; null for the load at
     *     start (nobody listens yet, and the imports of the whole outbox are not worth reading)
     */
    static long load(DataSource dataSource, OwnershipGraph target, String reason) {
        long started = System.nanoTime();
        long since = target.version();
        List<ReloadOrigin.Import> imports = new ArrayList<>();
        GraphLoader loader = target.loader();
        long[] version = new long[1];
        List<String> resellers = new ArrayList<>();
        List<CustomerLink> links = new ArrayList<>();
        // A connection of its own, outside any transaction of the caller: its isolation is set for this read only.
        QuarkusTransaction.suspendingExisting().run(() -> {
            try (Connection connection = dataSource.getConnection()) {
                int isolation = connection.getTransactionIsolation();
                connection.setAutoCommit(false); // so that PostgreSQL streams rows by the fetch size
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                try (Statement statement = connection.createStatement()) {
                    statement.setFetchSize(LOAD_FETCH_SIZE);
                    readRegistry(statement, loader, version, resellers, links);
                    if (reason != null) {
                        imports.addAll(RegistryOutbox.importsBetween(connection, since, version[0]));
                    }
                } finally {
                    connection.rollback(); // read only
                    connection.setTransactionIsolation(isolation);
                    connection.setAutoCommit(true);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not read the registry: " + e.getMessage(), e);
            }
        });
        int parties = loader.partyCount();
        int stakes = loader.stakeCount();
        // The kept indexes for the new graph are built here, outside its lock: decisions go on meanwhile.
        loader.prepare();
        target.applyAt(version[0], () -> {
            target.customers().replaceAll(resellers, links);
            loader.commit(ReloadOrigin.of(version[0], imports, reason == null ? "registry loaded" : reason));
        });
        LOG.infof(
                "ownership graph loaded from the registry at version %d: %d parties, %d stakes in %d ms",
                version[0], parties, stakes, (System.nanoTime() - started) / 1_000_000);
        return version[0];
    }

    private static void readRegistry(
            Statement statement, GraphLoader loader, long[] version, List<String> resellers, List<CustomerLink> links)
            throws SQLException {
        try (ResultSet row = statement.executeQuery(RegistryVersion.READ)) {
            version[0] = row.next() ? row.getLong(1) : 0;
        }
        try (ResultSet rows = statement.executeQuery("select id, name, kind, country, nationality from party")) {
            while (rows.next()) {
                loader.party(new PartyInfo(
                        rows.getString(1),
                        rows.getString(2),
                        PartyKind.valueOf(rows.getString(3)),
                        rows.getString(4),
                        rows.getString(5)));
            }
        }
        try (ResultSet rows = statement.executeQuery("select owned_id, owner_id, " + StakeColumns.COLUMNS
                + ", source, source_record_id, source_as_of from stake")) {
            while (rows.next()) {
                loader.stake(
                        rows.getString(1),
                        rows.getString(2),
                        StakeColumns.read(rows, 3).terms(),
                        StakeSourceColumns.read(rows, 11));
            }
        }
        CustomerColumns.readInto(statement, resellers, links);
    }
}
