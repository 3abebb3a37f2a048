package io.clearance.audit.changes;

import io.clearance.audit.ChainHash;
import io.clearance.security.Actor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Appends one record to the change log's chain on a given connection, in its transaction. The server's
 * {@link ChangeLog} uses it, and so does the command line, which runs without the server (an import records
 * itself in the import's own transaction).
 */
public final class ChangeChain {

    private static final int TARGET_MAX = 512;

    private ChangeChain() {}

    /**
     * Appends a change after the newest record. The caller serialises writers; the primary key on
     * {@code seq} refuses a second writer's duplicate.
     *
     * @param beforeJson the state before as JSON, {@code null} when there was none
     * @param afterJson the state after as JSON, {@code null} when there is none
     * @return the record as stored
     */
    public static ChangeRecord append(
            Connection c, Actor actor, String action, String target, String beforeJson, String afterJson)
            throws SQLException {
        long seq = 1;
        String prev = ChainHash.GENESIS;
        try (PreparedStatement last =
                        c.prepareStatement("select seq, hash from change_record order by seq desc limit 1");
                ResultSet row = last.executeQuery()) {
            if (row.next()) {
                seq = row.getLong(1) + 1;
                prev = row.getString(2);
            }
        }
        ChangeRecord unhashed = new ChangeRecord(
                seq,
                UUID.randomUUID().toString(),
                Instant.now().truncatedTo(ChronoUnit.MICROS),
                actor.id(),
                actor.kind().name(),
                action,
                target.length() > TARGET_MAX ? target.substring(0, TARGET_MAX) : target,
                beforeJson,
                afterJson,
                prev,
                null);
        ChangeRecord r = unhashed.withHash(unhashed.expectedHash());
        try (PreparedStatement insert = c.prepareStatement("insert into change_record (seq, change_id,"
                + " changed_at, actor, actor_kind, action, target, before_json, after_json, prev_hash, hash)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, r.seq());
            insert.setString(2, r.changeId());
            insert.setObject(3, OffsetDateTime.ofInstant(r.changedAt(), ZoneOffset.UTC));
            insert.setString(4, r.actor());
            insert.setString(5, r.actorKind());
            insert.setString(6, r.action());
            insert.setString(7, r.target());
            insert.setString(8, r.beforeJson());
            insert.setString(9, r.afterJson());
            insert.setString(10, r.prevHash());
            insert.setString(11, r.hash());
            insert.executeUpdate();
        }
        return r;
    }
}
