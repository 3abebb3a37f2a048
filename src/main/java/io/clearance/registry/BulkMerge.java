package io.clearance.registry;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL's short way for the bulk of a large import ({@link StagedMerge} decides when it applies): into
 * an empty table (a golden copy into a fresh registry) every staged record is new, so there is no stored
 * row to find, rank against or keep, and no table of picked rows to write, analyse and count: one
 * {@code insert ... select distinct on} picks each key's winning record and writes it, sorted by key so that
 * the primary key's B-tree fills from its right edge. The pick is the one {@link StagedMerge} makes (the last
 * statement of the file; a party the file only names yields to one it describes). Emptiness is read in the
 * import's transaction just before: a row another session adds meanwhile under a staged key makes the insert
 * fail on the primary key, and the import with it; it is never overwritten or miscounted.
 */
final class BulkMerge {

    /** Parties written at once from which the planner is told what the table now holds. */
    static final long MANY = 100_000;

    private BulkMerge() {}

    /** Whether {@code table} holds no row, as this transaction sees it. */
    static boolean empty(Connection connection, String table) throws SQLException {
        try (Statement select = connection.createStatement();
                ResultSet row = select.executeQuery("select not exists (select 1 from " + table + ")")) {
            row.next();
            return row.getBoolean(1);
        }
    }

    /** Every staged party's winning record into an empty {@code party}. */
    static String partiesSql() {
        return "insert into party (id, name, kind, country, nationality, created_at, updated_at, source,"
                + " source_record_id, source_as_of) select distinct on (id) id, name, kind, country, nationality,"
                + " ?, ?, source, source_record_id, source_as_of from import_party"
                + " order by id, if_absent, case when if_absent then seq else -seq end";
    }

    /** Every staged stake's last statement into an empty {@code stake}. */
    static String stakesSql() {
        return "insert into stake (owned_id, owner_id, " + StakeColumns.COLUMNS + ", created_at, updated_at,"
                + " source, source_record_id, source_as_of) select distinct on (owned_id, owner_id) owned_id,"
                + " owner_id, " + StakeColumns.COLUMNS + ", ?, ?, source, source_record_id, source_as_of"
                + " from import_stake order by owned_id, owner_id, seq desc";
    }
}
