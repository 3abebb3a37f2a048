package io.clearance.audit.changes;

import io.clearance.audit.ChainHash;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Reads the change log with plain JDBC: searches newest first with keyset paging, and chain verification. */
@ApplicationScoped
public class ChangeRepository {

    private static final String COLUMNS = "seq, change_id, changed_at, actor, actor_kind, action, target,"
            + " before_json, after_json, prev_hash, hash";
    private static final int VERIFY_PAGE = 1000;

    private final DataSource dataSource;

    /** Over any data source holding the change log: the server's, or a database file a tool or test opens. */
    public ChangeRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Up to {@code limit} changes matching {@code q}, newest first, below {@code beforeSeq} when given. */
    public List<ChangeRecord> search(ChangeQuery q, Long beforeSeq, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from change_record where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.actor() != null) {
            sql.append(" and actor = ?");
            args.add(q.actor());
        }
        if (q.action() != null) {
            if (q.action().endsWith(".")) {
                sql.append(" and action like ?");
                args.add(q.action().replace("%", "").replace("_", "\\_") + "%");
            } else {
                sql.append(" and action = ?");
                args.add(q.action());
            }
        }
        if (q.target() != null) {
            sql.append(" and target = ?");
            args.add(q.target());
        }
        if (q.from() != null) {
            sql.append(" and changed_at >= ?");
            args.add(OffsetDateTime.ofInstant(q.from(), ZoneOffset.UTC));
        }
        if (q.to() != null) {
            sql.append(" and changed_at < ?");
            args.add(OffsetDateTime.ofInstant(q.to(), ZoneOffset.UTC));
        }
        if (beforeSeq != null) {
            sql.append(" and seq < ?");
            args.add(beforeSeq);
        }
        sql.append(" order by seq desc limit ?");
        args.add(limit);
        return query(sql.toString(), args);
    }

    /** Up to {@code limit} changes from sequence number {@code fromSeq} on, oldest first. */
    public List<ChangeRecord> oldestFirst(long fromSeq, int limit) {
        return query(
                "select " + COLUMNS + " from change_record where seq >= ? order by seq limit ?",
                List.of(fromSeq, limit));
    }

    /**
     * Walks the whole chain oldest first and reports the first record whose sequence, previous hash or own
     * hash is not what the records before it imply.
     */
    public Verification verify() {
        long expectedSeq = 1;
        String prev = ChainHash.GENESIS;
        while (true) {
            List<ChangeRecord> page = oldestFirst(expectedSeq, VERIFY_PAGE);
            for (ChangeRecord r : page) {
                if (r.seq() != expectedSeq) {
                    return new Verification(false, expectedSeq - 1, r.seq(), "record " + expectedSeq + " is missing");
                }
                if (!r.prevHash().equals(prev)) {
                    return new Verification(
                            false, expectedSeq - 1, r.seq(), "record " + r.seq() + " does not follow the one before");
                }
                if (!r.expectedHash().equals(r.hash())) {
                    return new Verification(
                            false, expectedSeq - 1, r.seq(), "record " + r.seq() + " was altered after it was written");
                }
                prev = r.hash();
                expectedSeq++;
            }
            if (page.size() < VERIFY_PAGE) {
                return new Verification(true, expectedSeq - 1, null, null);
            }
        }
    }

    /**
     * The outcome of {@link #verify()}.
     *
     * @param verified how many records, from the first, form an intact chain
     * @param brokenAt the first record that does not, or {@code null}
     */
    public record Verification(boolean intact, long verified, Long brokenAt, String problem) {}

    private List<ChangeRecord> query(String sql, List<Object> args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            List<ChangeRecord> found = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.add(new ChangeRecord(
                            r.getLong(1),
                            r.getString(2),
                            r.getObject(3, OffsetDateTime.class).toInstant(),
                            r.getString(4),
                            r.getString(5),
                            r.getString(6),
                            r.getString(7),
                            r.getString(8),
                            r.getString(9),
                            r.getString(10),
                            r.getString(11)));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the change log: " + e.getMessage(), e);
        }
    }
}
