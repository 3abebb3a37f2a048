package io.clearance.registry;

import io.clearance.ownership.Share;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * Bulk import of a {@link RegistryFile} into an empty registry database with JDBC batch inserts, so that a
 * server can be started on millions of parties. Runs the schema migrations first, as the server would;
 * refuses a registry that already holds parties, and a file whose stakes into a party add up to more
 * than 100%.
 *
 * <p>For H2, a file database (as the server uses); an in-memory one kept open past the migration keeps its
 * check constraints bound to the migration's closed session and refuses every insert.
 */
public final class RegistryImport {

    private static final int BATCH = 10_000;
    private static final int COMMIT_EVERY = 100_000;

    /** How many rows went in, and how long it took. */
    public record Result(long parties, long stakes, double seconds) {}

    private RegistryImport() {}

    public static Result run(Path file, String url, String user, String password) throws IOException, SQLException {
        Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        long started = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            connection.setAutoCommit(false);
            if (url.startsWith("jdbc:h2:")) {
                // H2 keeps superseded pages for 45 s by default; during a bulk load that grows the file by
                // gigabytes. Reset at the end by the clean shutdown.
                try (Statement retention = connection.createStatement()) {
                    retention.execute("set retention_time 0");
                }
            }
            long existing = count(connection, "select count(*) from party");
            if (existing > 0) {
                throw new IllegalStateException("the registry at `" + url + "` already holds " + existing
                        + " parties; import needs an empty one");
            }
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement parties = connection.prepareStatement(
                            "insert into party (id, name, kind, country, nationality, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement stakes = connection.prepareStatement(
                            "insert into stake (owned_id, owner_id, percent, created_at, updated_at) values (?, ?, ?, ?, ?)")) {
                Batches batches = new Batches(connection, parties, stakes, now);
                RegistryFile.read(file, batches);
                batches.finish();
                connection.commit();
            } catch (RuntimeException | SQLException | IOException e) {
                connection.rollback();
                throw e;
            }
            // Report what the database holds, not what was sent.
            long parties = count(connection, "select count(*) from party");
            long stakes = count(connection, "select count(*) from stake");
            if (url.startsWith("jdbc:h2:")) {
                // Close H2 cleanly and rewrite its file: a bulk load leaves it many times its size, and a
                // server opening an unclean file replays it past the pool's connection timeout.
                try (Statement shutdown = connection.createStatement()) {
                    shutdown.execute("shutdown compact");
                }
            }
            return new Result(parties, stakes, (System.nanoTime() - started) / 1e9);
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Receives the file's rows and sends them on in batches; checks shares as they come. */
    private static final class Batches implements SyntheticRegistry.Sink {
        private final Connection connection;
        private final PreparedStatement parties;
        private final PreparedStatement stakes;
        private final Timestamp now;
        private final Map<String, Long> heldOf = new HashMap<>();
        private long partyRows;
        private long stakeRows;
        private int pending;

        Batches(Connection connection, PreparedStatement parties, PreparedStatement stakes, Timestamp now) {
            this.connection = connection;
            this.parties = parties;
            this.stakes = stakes;
            this.now = now;
        }

        @Override
        public void party(PartyInfo party) {
            PartyRules.checkParty(party);
            try {
                parties.setString(1, party.id());
                parties.setString(2, party.name());
                parties.setString(3, party.kind().name());
                parties.setString(4, party.country());
                parties.setString(5, party.nationality());
                parties.setTimestamp(6, now);
                parties.setTimestamp(7, now);
                parties.addBatch();
                partyRows++;
                flushIfFull(parties);
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        @Override
        public void stake(String ownedId, String ownerId, long share) {
            long held = heldOf.merge(ownedId, share, Long::sum);
            if (held > Share.HUNDRED_PERCENT) {
                throw new IllegalArgumentException("stakes in `" + ownedId + "` add up to "
                        + Share.toPercent(held).toPlainString() + "%");
            }
            try {
                if (stakeRows == 0) {
                    // Stakes name parties: every party row must be in before the first stake row.
                    flush(parties);
                }
                stakes.setString(1, ownedId);
                stakes.setString(2, ownerId);
                stakes.setBigDecimal(3, Share.toPercent(share).setScale(Share.SCALE));
                stakes.setTimestamp(4, now);
                stakes.setTimestamp(5, now);
                stakes.addBatch();
                stakeRows++;
                flushIfFull(stakes);
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        void finish() throws SQLException {
            flush(parties);
            flush(stakes);
        }

        private void flushIfFull(PreparedStatement statement) throws SQLException {
            if (++pending % BATCH == 0) {
                statement.executeBatch();
                if (pending % COMMIT_EVERY == 0) {
                    connection.commit();
                }
            }
        }

        private void flush(PreparedStatement statement) throws SQLException {
            statement.executeBatch();
        }
    }
}
