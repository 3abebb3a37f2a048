package io.clearance.audit;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Reads the audit log with plain JDBC, in bounded pages: search (keyset on time and seq, newest first),
 * whole records by id, the same filters oldest first for export, and seq ranges of a chain for verification. Never loads a range
 * whole. A record's answer is rebuilt from its shared evidence ({@link Evidence}).
 */
@ApplicationScoped
public class AuditRepository {

    static final int PAGE = 1000;
    private static final String COLUMNS =
            "a.chain_id, a.seq, a.decision_id, a.decided_at, a.decided_at_text, a.caller, a.subject_id,"
                    + " a.action, a.on_behalf_of_id, a.request_json, a.outcome, a.error_code, a.http_status, a.policy_version,"
                    + " a.registry_version, a.latency_micros, a.evidence_hash, coalesce(e.content, a.answer_json), a.prev_hash,"
                    + " a.hash, a.mac";
    private static final String FROM =
            " from audit_chain_record a left join audit_evidence e on e.hash = a.evidence_hash";

    private final DataSource dataSource;

    AuditRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<AuditRecord> find(String decisionId) {
        List<AuditRecord> found = query("select " + COLUMNS + FROM + " where a.decision_id = ?", List.of(decisionId));
        return found.stream().findFirst();
    }

    /** Up to {@code limit} records matching {@code q}, newest first, strictly after {@code after} when given. */
    public List<AuditRecord> search(AuditQuery q, AuditCursor after, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + FROM + " where 1 = 1");
        List<Object> args = new ArrayList<>();
        where(sql, args, q);
        if (after != null) {
            sql.append(
                    " and (a.decided_at < ? or (a.decided_at = ? and (a.chain_id < ? or (a.chain_id = ? and a.seq < ?))))");
            addCursor(args, after);
        }
        sql.append(" order by a.decided_at desc, a.chain_id desc, a.seq desc limit ?");
        args.add(limit);
        return query(sql.toString(), args);
    }

    /** Every record matching {@code q}, oldest first, handed over one page at a time. */
    public void forEachMatching(AuditQuery q, Consumer<AuditRecord> each) {
        AuditCursor last = null;
        while (true) {
            StringBuilder sql = new StringBuilder("select " + COLUMNS + FROM + " where 1 = 1");
            List<Object> args = new ArrayList<>();
            where(sql, args, q);
            if (last != null) {
                sql.append(
                        " and (a.decided_at > ? or (a.decided_at = ? and (a.chain_id > ? or (a.chain_id = ? and a.seq > ?))))");
                addCursor(args, last);
            }
            sql.append(" order by a.decided_at, a.chain_id, a.seq limit ").append(PAGE);
            List<AuditRecord> page = query(sql.toString(), args);
            page.forEach(each);
            if (page.size() < PAGE) {
                return;
            }
            last = AuditCursor.of(page.get(page.size() - 1));
        }
    }

    private static void addCursor(List<Object> args, AuditCursor at) {
        args.add(timestamp(at.decidedAt()));
        args.add(timestamp(at.decidedAt()));
        args.add(at.chainId());
        args.add(at.chainId());
        args.add(at.seq());
    }

    // invariant: search and export both narrow through here, so a filter can never apply to one and not the other
    private static void where(StringBuilder sql, List<Object> args, AuditQuery q) {
        if (q.partyId() != null) {
            sql.append(" and (a.subject_id = ? or a.on_behalf_of_id = ?)");
            args.add(q.partyId());
            args.add(q.partyId());
        }
        filter(sql, args, "a.action", q.action());
        filter(sql, args, "a.outcome", q.decision());
        filter(sql, args, "a.policy_version", q.policyVersion());
        if (q.rule() != null) {
            sql.append(
                    " and exists (select 1 from audit_chain_rule r where r.chain_id = a.chain_id and r.seq = a.seq and r.rule = ?)");
            args.add(q.rule());
        }
        if (q.clause() != null) {
            // The answer is compact JSON (as the client got it), so a citation reads exactly `"clause":"3.3"`;
            // AuditParams allows only letters, digits and dots in a clause, so nothing in it is a LIKE wildcard.
            sql.append(" and coalesce(e.content, a.answer_json) like ?");
            args.add("%\"clause\":\"" + q.clause() + "\"%");
        }
        if (q.caller() != null) {
            // Logged callers are `key:<id>` or `jwt:<subject>`; an auditor often knows only the id or subject.
            sql.append(" and a.caller in (?, ?, ?)");
            args.add(q.caller());
            args.add("key:" + q.caller());
            args.add("jwt:" + q.caller());
        }
        timeRange(sql, args, q.from(), q.to());
    }

    /** Records of the chain with {@code seq} in {@code (afterSeq, toSeq]}, in seq order, at most one page. */
    public List<AuditRecord> seqRange(String chainId, long afterSeq, long toSeq) {
        return query(
                "select " + COLUMNS + FROM + " where a.chain_id = ? and a.seq > ? and a.seq <= ? order by a.seq limit "
                        + PAGE,
                List.of(chainId, afterSeq, toSeq));
    }

    public OptionalLong firstSeqFrom(String chainId, Instant from) {
        return single(
                from == null
                        ? "select min(seq) from audit_chain_record where chain_id = ?"
                        : "select min(seq) from audit_chain_record where chain_id = ? and decided_at >= ?",
                from == null ? List.of(chainId) : List.of(chainId, timestamp(from)));
    }

    public OptionalLong lastSeqUntil(String chainId, Instant to) {
        return single(
                to == null
                        ? "select max(seq) from audit_chain_record where chain_id = ?"
                        : "select max(seq) from audit_chain_record where chain_id = ? and decided_at <= ?",
                to == null ? List.of(chainId) : List.of(chainId, timestamp(to)));
    }

    public Optional<AuditRecord> at(String chainId, long seq) {
        return query("select " + COLUMNS + FROM + " where a.chain_id = ? and a.seq = ?", List.of(chainId, seq)).stream()
                .findFirst();
    }

    /** The newest record of the chain: where shipping resumes. */
    public Optional<AuditRecord> head(String chainId) {
        OptionalLong last = lastSeqUntil(chainId, null);
        return last.isEmpty() ? Optional.empty() : at(chainId, last.getAsLong());
    }

    /** The chains the database holds. */
    public List<String> chains() {
        List<String> chains = new ArrayList<>();
        run(
                "select distinct chain_id from audit_chain_record order by chain_id",
                List.of(),
                rs -> chains.add(rs.getString(1)));
        return chains;
    }

    /** The checkpoints stored for the chain with seq in {@code [fromSeq, toSeq]}. */
    public Map<Long, Checkpoint> checkpoints(String chainId, long fromSeq, long toSeq) {
        Map<Long, Checkpoint> found = new HashMap<>();
        run(
                "select seq, hash, at_text, mac, signature, at from audit_chain_checkpoint where chain_id = ? and seq >= ?"
                        + " and seq <= ?",
                List.of(chainId, fromSeq, toSeq),
                rs -> {
                    String atText = rs.getString(3);
                    Instant at = atText == null || atText.isEmpty()
                            ? rs.getObject(6, OffsetDateTime.class).toInstant()
                            : Instant.parse(atText);
                    found.put(
                            rs.getLong(1),
                            new Checkpoint(
                                    chainId, rs.getLong(1), rs.getString(2), at, rs.getString(4), rs.getString(5)));
                });
        return found;
    }

    /** The indexed rule names of each record of the chain with seq in {@code [fromSeq, toSeq]}, sorted. */
    public Map<Long, List<String>> indexedRules(String chainId, long fromSeq, long toSeq) {
        Map<Long, List<String>> found = new HashMap<>();
        run(
                "select seq, rule from audit_chain_rule where chain_id = ? and seq >= ? and seq <= ? order by seq, rule",
                List.of(chainId, fromSeq, toSeq),
                rs -> found.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(rs.getString(2)));
        return found;
    }

    private static void filter(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null) {
            sql.append(" and ").append(column).append(" = ?");
            args.add(value);
        }
    }

    private static void timeRange(StringBuilder sql, List<Object> args, Instant from, Instant to) {
        if (from != null) {
            sql.append(" and a.decided_at >= ?");
            args.add(timestamp(from));
        }
        if (to != null) {
            sql.append(" and a.decided_at <= ?");
            args.add(timestamp(to));
        }
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private OptionalLong single(String sql, List<Object> args) {
        long[] value = {0};
        boolean[] present = {false};
        run(sql, args, rs -> {
            long v = rs.getLong(1);
            if (!rs.wasNull()) {
                value[0] = v;
                present[0] = true;
            }
        });
        return present[0] ? OptionalLong.of(value[0]) : OptionalLong.empty();
    }

    private List<AuditRecord> query(String sql, List<Object> args) {
        List<AuditRecord> records = new ArrayList<>();
        run(sql, args, rs -> records.add(read(rs)));
        return records;
    }

    private void run(String sql, List<Object> args, RowHandler handler) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                statement.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    handler.row(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("audit query failed: " + e.getMessage(), e);
        }
    }

    private static AuditRecord read(ResultSet rs) throws SQLException {
        long registryVersion = rs.getLong(15);
        Long registry = rs.wasNull() ? null : registryVersion;
        String decisionId = rs.getString(3);
        Instant decidedAt = rs.getObject(4, OffsetDateTime.class).toInstant();
        String decidedAtText = rs.getString(5);
        String evidenceHash = rs.getString(17);
        String content = rs.getString(18);
        String answer =
                evidenceHash == null || content == null ? content : Evidence.answer(content, decisionId, decidedAtText);
        return new AuditRecord(
                rs.getString(1),
                rs.getLong(2),
                decisionId,
                decidedAt,
                decidedAtText,
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                rs.getString(12),
                rs.getInt(13),
                rs.getString(14),
                registry,
                rs.getLong(16),
                answer,
                evidenceHash,
                rs.getString(19),
                rs.getString(20),
                rs.getString(21));
    }

    @FunctionalInterface
    private interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }
}
