package io.clearance.registry;

import io.clearance.problem.ErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Moves what an import staged ({@link ImportStaging}) into the registry with a few set-based statements, in
 * the import's transaction: per party and per stake the last statement of the file wins (a party a source
 * only names yields to one it describes); a row already stored is replaced only when the import's source has
 * the same or a higher precedence ({@link ImportPrecedence}), and counted as kept otherwise; a stake naming a
 * party neither the registry nor the file holds is refused with its line. Closings then apply in file order,
 * except where the file restates the stake after closing it.
 */
final class StagedMerge {

    private static final String EFFECTIVE_PARTIES = "insert into import_party_final select s.id, s.name, s.kind,"
            + " s.country, s.nationality, s.if_absent, s.source, s.source_record_id, s.source_as_of,"
            + " p.id is not null, p.source, coalesce(rn.strength, ?), coalesce(ro.strength, ?)"
            + " from (select i.*, row_number() over (partition by i.id"
            + " order by i.if_absent, case when i.if_absent then i.seq else -i.seq end) as pick"
            + " from import_party i) s"
            + " left join party p on p.id = s.id"
            + " left join import_rank rn on rn.source = s.source"
            + " left join import_rank ro on ro.source = coalesce(p.source, '" + ImportPrecedence.API + "')"
            + " where s.pick = 1";

    private static final String EFFECTIVE_STAKES = "insert into import_stake_final select s.owned_id, s.owner_id,"
            + " s.percent, s.min_percent, s.min_exclusive, s.max_percent, s.max_exclusive, s.control, s.valid_from,"
            + " s.valid_to, s.source, s.source_record_id, s.source_as_of, s.line, s.record_id,"
            + " t.owned_id is not null, t.source, coalesce(rn.strength, ?), coalesce(ro.strength, ?)"
            + " from (select i.*, row_number() over (partition by i.owned_id, i.owner_id order by i.seq desc) as pick"
            + " from import_stake i) s"
            + " left join stake t on t.owned_id = s.owned_id and t.owner_id = s.owner_id"
            + " left join import_rank rn on rn.source = s.source"
            + " left join import_rank ro on ro.source = coalesce(t.source, '" + ImportPrecedence.API + "')"
            + " where s.pick = 1";

    private static final String REPLACES = "found and new_rank <= old_rank";

    private static final Logger LOG = Logger.getLogger(StagedMerge.class);
    private static final boolean EXPLAIN = Boolean.getBoolean("clearance.import.explain");
    private static final Pattern FED = Pattern.compile("\\n\\s*->.*?\\(actual time=\\S+ rows=(\\d+)");

    private StagedMerge() {}

    /** Merges the staged parties, then the stakes; returns false when a stake was refused (nothing to commit). */
    static boolean merge(
            Connection connection, ImportPrecedence precedence, ImportReport report, Instant now, boolean postgres)
            throws SQLException {
        ranks(connection, precedence);
        if (postgres) {
            // Temporary tables are never analysed by autovacuum: without statistics the planner takes millions
            // of staged rows for a few thousand and picks nested loops.
            timed(report, "analyze staged", () -> analyze(connection, "import_party, import_stake, import_closing"));
        }
        Timestamp at = Timestamp.from(now);
        int unranked = precedence.order().size();
        if (postgres && BulkMerge.empty(connection, "party")) {
            long written =
                    update(report, "insert parties (empty registry)", connection, BulkMerge.partiesSql(), at, at);
            report.partiesWritten(written);
            if (written >= BulkMerge.MANY) {
                // The stakes' statements join the parties: plan them on what the table now holds.
                timed(report, "analyze parties", () -> analyze(connection, "party"));
            }
        } else {
            mergeParties(connection, report, at, unranked, postgres);
        }
        boolean emptyStakes = postgres && BulkMerge.empty(connection, "stake");
        if (!emptyStakes) {
            update(report, "pick stakes", connection, EFFECTIVE_STAKES, unranked, unranked);
            if (postgres) {
                timed(report, "analyze picked stakes", () -> analyze(connection, "import_stake_final"));
            }
            kept(connection, "import_stake_final", "found and new_rank > old_rank", report);
            report.stakesWritten(count(connection, "import_stake_final", "not found or " + REPLACES));
        }
        String picked = emptyStakes ? "import_stake" : "import_stake_final";
        // The foreign keys check that both parties exist: row by row, or for a large insert once, set-based
        // (StakeReferences); only when a party is missing are the stakes that name one looked for, to refuse
        // each with its line (a search over every party, spared otherwise). The savepoint takes back the
        // stakes and, when they were dropped, brings the keys back as they were.
        Savepoint before = connection.setSavepoint();
        try {
            List<StakeReferences.Key> dropped = postgres
                            && StakeReferences.setBased(
                                    connection, count(connection, picked, emptyStakes ? "true" : "not found"))
                    ? timed(report, "drop stake references", () -> StakeReferences.drop(connection))
                    : List.of();
            long written = insertStakes(connection, report, at, emptyStakes);
            if (!dropped.isEmpty()) {
                timed(report, "validate stake references", () -> {
                    StakeReferences.restore(connection, dropped);
                    return null;
                });
            }
            if (emptyStakes) {
                report.stakesWritten(written);
            }
        } catch (SQLException e) {
            connection.rollback(before);
            if (e.getSQLState() != null
                    && e.getSQLState().startsWith("23")
                    && !refuseUnknownParties(connection, report, picked)) {
                return false;
            }
            throw e;
        }
        if (!emptyStakes) {
            update(
                    report,
                    "replace stakes",
                    connection,
                    "merge into stake t using (select * from import_stake_final where " + REPLACES + ") s"
                            + " on (t.owned_id = s.owned_id and t.owner_id = s.owner_id) when matched then update set"
                            + " percent = s.percent, min_percent = s.min_percent, min_exclusive = s.min_exclusive,"
                            + " max_percent = s.max_percent, max_exclusive = s.max_exclusive, control = s.control,"
                            + " valid_from = s.valid_from, valid_to = s.valid_to, updated_at = ?, source = s.source,"
                            + " source_record_id = s.source_record_id, source_as_of = s.source_as_of",
                    at);
        }
        return true;
    }

    /** Parties into a registry that holds some: each found one replaced or kept by precedence. */
    private static void mergeParties(
            Connection connection, ImportReport report, Timestamp at, int unranked, boolean postgres)
            throws SQLException {
        update(report, "pick parties", connection, EFFECTIVE_PARTIES, unranked, unranked);
        if (postgres) {
            timed(report, "analyze picked parties", () -> analyze(connection, "import_party_final"));
        }
        kept(connection, "import_party_final", "not if_absent and found and new_rank > old_rank", report);
        report.partiesWritten(
                count(connection, "import_party_final", "not found or (not if_absent and " + REPLACES + ")"));
        update(
                report,
                "insert parties",
                connection,
                "insert into party (id, name, kind, country, nationality, created_at, updated_at, source,"
                        + " source_record_id, source_as_of) select id, name, kind, country, nationality, ?, ?, source,"
                        + " source_record_id, source_as_of from import_party_final where not found",
                at,
                at);
        update(
                report,
                "replace parties",
                connection,
                "merge into party p using (select * from import_party_final where not if_absent and "
                        + REPLACES + ") s on (p.id = s.id) when matched then update set name = s.name, kind = s.kind,"
                        + " country = s.country, nationality = s.nationality, updated_at = ?, source = s.source,"
                        + " source_record_id = s.source_record_id, source_as_of = s.source_as_of",
                at);
    }

    /** The new stakes: every staged one into an empty table, else the picked ones not found. */
    private static long insertStakes(Connection connection, ImportReport report, Timestamp at, boolean empty)
            throws SQLException {
        if (empty) {
            return update(report, "insert stakes (empty registry)", connection, BulkMerge.stakesSql(), at, at);
        }
        return update(
                report,
                "insert stakes",
                connection,
                "insert into stake (owned_id, owner_id, " + StakeColumns.COLUMNS + ", created_at,"
                        + " updated_at, source, source_record_id, source_as_of) select owned_id, owner_id, "
                        + StakeColumns.COLUMNS + ", ?, ?, source, source_record_id, source_as_of from"
                        + " import_stake_final where not found",
                at,
                at);
    }

    private static void ranks(Connection connection, ImportPrecedence precedence) throws SQLException {
        try (PreparedStatement insert =
                connection.prepareStatement("insert into import_rank (source, strength) values (?, ?)")) {
            for (String source : precedence.order()) {
                insert.setString(1, source);
                insert.setInt(2, precedence.rank(source));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Refuses, by line, each of {@code staged}'s stakes that names a party the registry does not hold. */
    private static boolean refuseUnknownParties(Connection connection, ImportReport report, String staged)
            throws SQLException {
        long before = report.rejected();
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("select f.line, f.record_id, f.owned_id, f.owner_id, a.id"
                        + " from " + staged + " f left join party a on a.id = f.owned_id"
                        + " left join party b on b.id = f.owner_id where a.id is null or b.id is null"
                        + " order by f.line")) {
            while (rows.next()) {
                String missing = rows.getString(5) == null ? rows.getString(3) : rows.getString(4);
                report.reject(
                        rows.getLong(1),
                        rows.getString(2),
                        ErrorCode.UNKNOWN_PARTY,
                        "no party with id `" + missing + "` in the registry or the file");
            }
        }
        return report.rejected() == before;
    }

    private static Void analyze(Connection connection, String tables) throws SQLException {
        try (Statement analyze = connection.createStatement()) {
            analyze.execute("analyze " + tables);
        }
        return null;
    }

    private static void kept(Connection connection, String table, String where, ImportReport report)
            throws SQLException {
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("select stored_source, count(*) from " + table + " where " + where
                        + " group by stored_source")) {
            while (rows.next()) {
                report.kept(rows.getString(1), rows.getLong(2));
            }
        }
    }

    private static long count(Connection connection, String table, String where) throws SQLException {
        try (Statement select = connection.createStatement();
                ResultSet row = select.executeQuery("select count(*) from " + table + " where " + where)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Runs one statement of the merge, timed as {@code phase}; returns the rows it wrote. */
    private static long update(
            ImportReport report, String phase, Connection connection, String sql, Object... parameters)
            throws SQLException {
        return timed(report, phase, () -> {
            if (EXPLAIN && connection.isWrapperFor(org.postgresql.PGConnection.class)) {
                return explained(connection, phase, sql, parameters);
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                return statement.executeLargeUpdate();
            }
        });
    }

    /**
     * Runs the statement under {@code explain (analyze, buffers)}, which executes it, and logs the plan with
     * its times: how a slow import is taken apart ({@code -Dclearance.import.explain=true}).
     */
    private static long explained(Connection connection, String phase, String sql, Object... parameters)
            throws SQLException {
        StringBuilder plan = new StringBuilder(phase).append(": ").append(sql);
        try (PreparedStatement statement = connection.prepareStatement("explain (analyze, buffers) " + sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    plan.append('\n').append(rows.getString(1));
                }
            }
        }
        LOG.info(plan);
        // The rows the statement wrote are the rows its top node was fed.
        Matcher fed = FED.matcher(plan);
        return fed.find() ? Long.parseLong(fed.group(1)) : 0;
    }

    /** Something the merge does that may fail on the database. */
    @FunctionalInterface
    private interface Phase<T> {
        T run() throws SQLException;
    }

    private static <T> T timed(ImportReport report, String phase, Phase<T> step) throws SQLException {
        long started = System.nanoTime();
        try {
            return step.run();
        } finally {
            report.phase(phase, (System.nanoTime() - started) / 1e9);
        }
    }
}
