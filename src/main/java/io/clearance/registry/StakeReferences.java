package io.clearance.registry;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL: the foreign keys from {@code stake} to {@code party} checked once, set-based, for a large
 * insert of stakes, instead of row by row. Row by row, each new stake runs two lookups of its parties, each a
 * query of its own that locks the party it finds (a GLEIF golden copy's 0.5M relationships: 1M of them, most
 * of the stakes phase). Here, in the import's transaction, the keys are dropped, the stakes go in, and the
 * keys come back {@code NOT VALID} and are then validated: one anti-join of {@code stake} with {@code party}
 * per key. Nothing is weaker at commit: the same validated constraints, checked over every stake; a stake
 * naming a missing party fails the validation, which the caller rolls back to its savepoint (the keys with
 * it) to refuse it by line.
 *
 * <p>The cost is the lock: dropping a key locks {@code stake} and {@code party} exclusively until the import
 * commits (decisions, answered from the graph, go on; a read of those tables by another session waits). So
 * the keys are dropped only when the insert is large and their lock is had within {@link #LOCK_WAIT};
 * otherwise the stakes go in checked row by row, as before.
 */
final class StakeReferences {

    /** How long the drop waits for other sessions' locks on the two tables before the import checks by row. */
    static final String LOCK_WAIT = "5s";

    /**
     * Stakes inserted from which the set-based check is considered ({@link #setBased}). A system property so
     * that a test can take the set-based way with a few rows.
     */
    static final String FROM_PROPERTY = "clearance.import.set-based-references-from";

    /** A foreign key of {@code stake}: its name and its definition as PostgreSQL prints it. */
    record Key(String name, String definition) {}

    private StakeReferences() {}

    /**
     * Whether inserting {@code inserting} stakes is better checked set-based: the validations look up both
     * parties of every stake the table holds, new or not, each lookup a fraction of a per-row check (about a
     * fifth, measured at GLEIF size), so a delta small beside the stakes already held stays row by row.
     */
    static boolean setBased(Connection connection, long inserting) throws SQLException {
        if (inserting < Long.getLong(FROM_PROPERTY, BulkMerge.MANY)) {
            return false;
        }
        try (Statement select = connection.createStatement();
                ResultSet row = select.executeQuery(
                        "select greatest(reltuples, 0)::bigint from pg_class where oid = 'stake'::regclass")) {
            return !row.next() || inserting * 4 >= row.getLong(1);
        }
    }

    /**
     * Drops {@code stake}'s foreign keys in the current transaction and returns them; empty when their lock
     * was not had in time (nothing dropped, the transaction as it was).
     */
    static List<Key> drop(Connection connection) throws SQLException {
        List<Key> keys = new ArrayList<>();
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("select conname, pg_get_constraintdef(oid) from pg_constraint"
                        + " where conrelid = 'stake'::regclass and contype = 'f' order by conname")) {
            while (rows.next()) {
                keys.add(new Key(rows.getString(1), rows.getString(2)));
            }
        }
        if (keys.isEmpty()) {
            return keys;
        }
        Savepoint before = connection.setSavepoint();
        try (Statement ddl = connection.createStatement()) {
            String waited = setting(connection, "lock_timeout");
            ddl.execute("set local lock_timeout = '" + LOCK_WAIT + "'");
            ddl.execute("alter table stake "
                    + String.join(
                            ", ",
                            keys.stream()
                                    .map(k -> "drop constraint " + quoted(k.name()))
                                    .toList()));
            ddl.execute("set local lock_timeout = '" + waited + "'");
        } catch (SQLException locked) {
            // A lock not had in time (55P03) or a deadlock (40P01): back to before, the keys and setting with it.
            connection.rollback(before);
            return List.of();
        }
        return keys;
    }

    /**
     * Adds {@code keys} back {@code NOT VALID}, then validates each over every stake; throws the database's
     * foreign-key violation (SQL state 23503) when a stake names a party {@code party} does not hold.
     */
    static void restore(Connection connection, List<Key> keys) throws SQLException {
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("alter table stake "
                    + String.join(
                            ", ",
                            keys.stream()
                                    .map(k ->
                                            "add constraint " + quoted(k.name()) + " " + k.definition() + " not valid")
                                    .toList()));
            // Each validation is one anti-join of stake with party. PostgreSQL 15 hashes only the party side of an
            // anti-join, so left to itself it hashes every party's key (3.4M at GLEIF size) for each key; probing
            // party's primary key once per stake instead costs what the stakes number, and measured at GLEIF
            // size took about 0.6 of the time. Only for these two statements.
            String hash = setting(connection, "enable_hashjoin");
            String merge = setting(connection, "enable_mergejoin");
            ddl.execute("set local enable_hashjoin = off");
            ddl.execute("set local enable_mergejoin = off");
            for (Key key : keys) {
                ddl.execute("alter table stake validate constraint " + quoted(key.name()));
            }
            ddl.execute("set local enable_hashjoin = " + hash);
            ddl.execute("set local enable_mergejoin = " + merge);
        }
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (Statement show = connection.createStatement();
                ResultSet row = show.executeQuery("select current_setting('" + name + "')")) {
            row.next();
            return row.getString(1);
        }
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
