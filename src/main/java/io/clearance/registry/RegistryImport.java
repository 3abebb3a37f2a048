package io.clearance.registry;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.registry.outbox.RegistryChange;
import io.clearance.registry.outbox.RegistryOutbox;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.Flyway;

/**
 * Bulk import of a registry file (CSV, JSON Lines, YAML, or a BODS 0.4 package) into an empty (or emptied)
 * registry database with JDBC batch inserts, so that a server can be started on millions of parties. Runs
 * the schema migrations first, as the server would; refuses a registry that already holds parties, and a
 * file whose stakes into a party add up to more than 100% (the rule of {@link ShareLimit}).
 *
 * <p>For H2, a file database (as the server uses); an in-memory one kept open past the migration keeps its
 * check constraints bound to the migration's closed session and refuses every insert.
 */
public final class RegistryImport {

    private static final int BATCH = 10_000;
    private static final int COMMIT_EVERY = 100_000;

    /**
     * How many rows went in, how long it took, and what the file held that the registry does not record.
     */
    public record Result(long parties, long stakes, double seconds, List<String> notes) {}

    /** How many parties and stakes the registry holds. */
    public record Counts(long parties, long stakes) {}

    /**
     * Runs in the import's transaction, just before it commits, so that what records the import (the change
     * log) commits with it or not at all.
     */
    @FunctionalInterface
    public interface Witness {
        /** Never does anything: for imports nobody records (tests, benchmarks). */
        Witness NONE = (connection, before, after) -> {};

        void imported(Connection connection, Counts before, Counts after) throws SQLException, IOException;
    }

    /** The registry holds parties and the import was not asked to replace them. */
    public static final class NotEmptyException extends IllegalStateException {
        private final long parties;

        NotEmptyException(String url, long parties) {
            super("the registry at `" + url + "` already holds " + parties + " parties; import needs an empty one");
            this.parties = parties;
        }

        public long parties() {
            return parties;
        }
    }

    private RegistryImport() {}

    /** Pours {@code source} (a registry file, see {@code registry/io}) into the empty registry at {@code url}. */
    public static Result run(RegistrySource source, String url, String user, String password)
            throws IOException, SQLException {
        return run(source, url, user, password, false, Witness.NONE);
    }

    /**
     * Pours {@code source} into the registry at {@code url}; with {@code replace}, its parties and stakes are
     * deleted first (the logs stay), otherwise it must be empty. {@code witness} runs before the commit.
     */
    public static Result run(
            RegistrySource source, String url, String user, String password, boolean replace, Witness witness)
            throws IOException, SQLException {
        migrate(url, user, password);
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
            Counts before = new Counts(
                    count(connection, "select count(*) from party"), count(connection, "select count(*) from stake"));
            if (before.parties() > 0 && !replace) {
                throw new NotEmptyException(url, before.parties());
            }
            Timestamp now = Timestamp.from(Instant.now());
            List<String> notes;
            try (PreparedStatement parties = connection.prepareStatement(
                            "insert into party (id, name, kind, country, nationality, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement stakes = connection.prepareStatement("insert into stake (owned_id, owner_id, "
                            + StakeColumns.COLUMNS
                            + ", created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                if (replace) {
                    try (Statement empty = connection.createStatement()) {
                        empty.executeUpdate("delete from stake");
                        empty.executeUpdate("delete from party");
                    }
                }
                Batches batches = new Batches(connection, parties, stakes, now);
                notes = source.readInto(batches);
                batches.finish();
                // The imported registry is a new state: decisions on it must not name the empty one's version, and
                // instances already running on this database must load it.
                RegistryOutbox.recordReload(connection, "import", new RegistryChange.Imported(null, null));
                witness.imported(
                        connection,
                        before,
                        new Counts(
                                count(connection, "select count(*) from party"),
                                count(connection, "select count(*) from stake")));
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
            return new Result(parties, stakes, (System.nanoTime() - started) / 1e9, notes);
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * Receives the file's rows and sends them on in batches; checks shares as they come. Undated stakes are
     * summed per party, which is all the 100% rule needs for them; the few dated ones are kept and checked at
     * the end, against that sum, when every stake of their party is known.
     */
    private static final class Batches implements RegistrySink {
        private final Connection connection;
        private final PreparedStatement parties;
        private final PreparedStatement stakes;
        private final Timestamp now;
        private final Map<String, Long> heldOf = new HashMap<>();
        private final Set<String> exclusiveIn = new HashSet<>();
        private final Set<String> rangedIn = new HashSet<>();
        private final Map<String, List<StakeTerms>> datedIn = new HashMap<>();
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
        public void stake(String ownedId, String ownerId, StakeTerms terms) {
            PartyRules.checkTerms(terms);
            if (terms.isDated()) {
                datedIn.computeIfAbsent(ownedId, id -> new ArrayList<>()).add(terms);
            } else {
                long held = heldOf.merge(ownedId, terms.min(), Long::sum);
                if (terms.minExclusive()) {
                    exclusiveIn.add(ownedId);
                }
                if (!terms.isExact()) {
                    rangedIn.add(ownedId);
                }
                if (held > Share.HUNDRED_PERCENT || (held == Share.HUNDRED_PERCENT && exclusiveIn.contains(ownedId))) {
                    throw new IllegalArgumentException(new ShareLimit.Excess(
                                    StakeTerms.ALWAYS_FROM,
                                    held,
                                    exclusiveIn.contains(ownedId),
                                    rangedIn.contains(ownedId))
                            .describe(ownedId));
                }
            }
            try {
                if (stakeRows == 0) {
                    // Stakes name parties: every party row must be in before the first stake row.
                    flush(parties);
                }
                stakes.setString(1, ownedId);
                stakes.setString(2, ownerId);
                StakeColumns.of(terms).bind(stakes, 3);
                stakes.setTimestamp(11, now);
                stakes.setTimestamp(12, now);
                stakes.addBatch();
                stakeRows++;
                flushIfFull(stakes);
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        /** The 100% rule for parties with dated stakes, each against the sum of its undated ones. */
        private void checkDated() {
            datedIn.forEach((ownedId, dated) -> {
                List<StakeTerms> together = new ArrayList<>(dated);
                Long undated = heldOf.get(ownedId);
                // Even a sum of 0 counts when it is an exclusive minimum: "more than nothing".
                if (undated != null) {
                    // The undated stakes as one, always in force: a range from their summed minimum, so that the
                    // sweep counts that minimum (and its exclusivity) and names the sum a lower bound.
                    together.add(new StakeTerms(
                            undated,
                            exclusiveIn.contains(ownedId),
                            Share.HUNDRED_PERCENT,
                            false,
                            0,
                            StakeTerms.ALWAYS_FROM,
                            StakeTerms.ALWAYS_TO));
                }
                ShareLimit.firstExcess(together).ifPresent(excess -> {
                    throw new IllegalArgumentException(excess.describe(ownedId));
                });
            });
        }

        void finish() throws SQLException {
            checkDated();
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

    /** Brings the database's schema up to this build's, as the server does at start; for imports run offline. */
    static void migrate(String url, String user, String password) {
        Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }
}
