package io.clearance.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The closings an import staged (a GLEIF relationship turned {@code INACTIVE}, a ceased PSC statement, a
 * closed BODS record), applied with a few set-based statements after the stakes were merged, instead of a
 * read and a write per closing. Each ends only a stake its own source stated under the same record id (GLEIF
 * states a direct and an ultimate parent separately; closing one must not close the other), and not one the
 * file restated after closing it; one that only came into force at or after the closing never held and is
 * removed; the rest are counted as skipped, by why.
 *
 * <p>Applied in file order one by one, two closings of one stake depend on each other (the first may end
 * or remove what the second then finds); those few are left to the caller, in file order ({@link #rest}).
 */
final class StagedClosings {

    private static final String EFFECTIVE = "select c.seq, c.owned_id, c.owner_id, c.at, c.source,"
            + " c.source_record_id, c.source_as_of, count(*) over (partition by c.owned_id, c.owner_id) as closings"
            + " from import_closing c where not exists (select 1 from import_stake s where s.owned_id = c.owned_id"
            + " and s.owner_id = c.owner_id and s.seq > c.seq)";

    /** Why each once-closed stake's closing does what it does; the first that holds decides. */
    private static final String VERDICTS = "insert into import_closing_final (owned_id, owner_id, at, source_as_of,"
            + " verdict) select c.owned_id, c.owner_id, c.at, c.source_as_of, case"
            + " when t.owned_id is null then 'absent'"
            + " when t.source is null or t.source <> c.source or (c.source_record_id is not null"
            + " and t.source_record_id is not null and t.source_record_id <> c.source_record_id) then 'other'"
            + " when t.valid_to is not null and t.valid_to <= c.at then 'ended'"
            + " when t.valid_from is not null and t.valid_from >= c.at then 'delete'"
            + " else 'end' end"
            + " from (" + EFFECTIVE + ") c left join stake t on t.owned_id = c.owned_id and t.owner_id = c.owner_id"
            + " where c.closings = 1";

    private static final String[][] SKIPPED = {
        {"absent", "closings of stakes the registry does not hold"},
        {"other", "closings of stakes another record stated"},
        {"ended", "closings of stakes already ended"}
    };

    /** A closing left to apply on its own: its stake is closed more than once in the file. */
    record Closing(String ownedId, String ownerId, java.time.Instant at, Provenance from) {}

    private StagedClosings() {}

    /** Applies the closings of stakes the file closes once; counts them in {@code report}. */
    static void apply(Connection connection, ImportReport report, Timestamp now, boolean postgres) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (statement.executeUpdate(VERDICTS) == 0) {
                return;
            }
            if (postgres) {
                statement.execute("analyze import_closing_final");
            }
            try (ResultSet rows =
                    statement.executeQuery("select verdict, count(*) from import_closing_final group by verdict")) {
                while (rows.next()) {
                    for (String[] skipped : SKIPPED) {
                        if (skipped[0].equals(rows.getString(1))) {
                            report.skipped(skipped[1], rows.getLong(2));
                        }
                    }
                }
            }
        }
        long removed = update(
                connection,
                "merge into stake t using (select * from import_closing_final where verdict = 'delete') c"
                        + " on (t.owned_id = c.owned_id and t.owner_id = c.owner_id) when matched then delete");
        long ended = update(
                connection,
                "merge into stake t using (select * from import_closing_final where verdict = 'end') c"
                        + " on (t.owned_id = c.owned_id and t.owner_id = c.owner_id) when matched then update set"
                        + " valid_to = c.at, updated_at = ?, source_as_of = c.source_as_of",
                now);
        report.stakesClosed(removed + ended);
    }

    /** The closings of stakes the file closes more than once, in file order, to apply one at a time. */
    static List<Closing> rest(Connection connection) throws SQLException {
        List<Closing> closings = new ArrayList<>();
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("select owned_id, owner_id, at, source, source_record_id,"
                        + " source_as_of from (" + EFFECTIVE + ") c where c.closings > 1 order by c.seq")) {
            while (rows.next()) {
                LocalDate asOf = rows.getObject(6, LocalDate.class);
                closings.add(new Closing(
                        rows.getString(1),
                        rows.getString(2),
                        rows.getObject(3, OffsetDateTime.class).toInstant(),
                        new Provenance(rows.getString(4), rows.getString(5), asOf)));
            }
        }
        return closings;
    }

    private static long update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeLargeUpdate();
        }
    }
}
