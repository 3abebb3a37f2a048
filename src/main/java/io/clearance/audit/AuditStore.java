package io.clearance.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The database side of shipping: stores batches of journal records (compact record, evidence once per
 * content hash, the rule index derived from the chained answer, checkpoints) idempotently, and tells a chain's
 * high-water mark.
 */
@ApplicationScoped
public class AuditStore implements ShipTarget {

    static final String INSERT_RECORD = "insert into audit_chain_record (chain_id, seq, decision_id, decided_at,"
            + " decided_at_text, caller, subject_id, action, on_behalf_of_id, request_json, outcome, error_code, http_status,"
            + " policy_version, registry_version, latency_micros, evidence_hash, answer_json, prev_hash, hash, mac)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final int RULES_KEPT = 16_384;
    private static final int EVIDENCE_KEPT = 65_536;

    private final DataSource dataSource;
    private final AuditRepository repository;
    private final ObjectMapper json;
    // Rule index rows by evidence hash, least recently used dropped first (see rules).
    private final Map<String, List<String>> rulesByEvidence = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
            return size() > RULES_KEPT;
        }
    };

    // Evidence hashes this store committed, least recently used dropped first (see knownEvidence).
    private final Map<String, Boolean> evidenceShipped = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > EVIDENCE_KEPT;
        }
    };

    AuditStore(DataSource dataSource, AuditRepository repository, ObjectMapper json) {
        this.dataSource = dataSource;
        this.repository = repository;
        this.json = json;
    }

    @Override
    public Optional<AuditRecord> head(String chainId) {
        return repository.head(chainId);
    }

    @Override
    public Optional<AuditRecord> at(String chainId, long seq) {
        return repository.at(chainId, seq);
    }

    /**
     * One local JDBC transaction per batch, not a JTA one: the batch touches one database, and the transaction
     * manager's begin, enlistment and two-phase bookkeeping were a measurable share of shipping (JFR, wrk at 1
     * connection). The batch is first inserted as new, which it is unless a batch was shipped twice or another
     * writer holds the chain: a primary-key clash then rolls it back, and it is shipped again record by record
     * against what the database holds (idempotent, and a conflict is named).
     */
    @Override
    public void ship(String chainId, List<AuditRecord> records, List<Checkpoint> checkpoints) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                Set<String> added;
                try {
                    added = insert(connection, chainId, records, checkpoints, true);
                    connection.commit();
                } catch (SQLException clash) {
                    connection.rollback();
                    forgetEvidence();
                    added = insert(connection, chainId, records, checkpoints, false);
                    connection.commit();
                }
                rememberEvidence(added);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "could not ship " + records.size() + " audit records: " + e.getMessage(), e);
        }
    }

    /**
     * Inserts the batch in the transaction of {@code connection}; returns the evidence hashes it holds.
     *
     * @param asNew whether to insert without asking which records the database holds already (a clash then
     *     fails the insert)
     */
    private Set<String> insert(
            Connection connection,
            String chainId,
            List<AuditRecord> records,
            List<Checkpoint> checkpoints,
            boolean asNew)
            throws SQLException {
        Map<Long, String> present = records.isEmpty() || asNew
                ? Map.of()
                : existingSeqs(
                        connection,
                        chainId,
                        records.get(0).seq(),
                        records.get(records.size() - 1).seq());
        Map<String, String> evidence = new LinkedHashMap<>();
        Set<String> held = new HashSet<>();
        List<AuditRecord> fresh = new ArrayList<>();
        for (AuditRecord r : records) {
            String stored = present.get(r.seq());
            // invariant: shipping twice is idempotent only for the same record; another hash at its place is
            // another writer of this chain, and skipping our record would lose it
            if (stored != null && !stored.trim().equals(r.hash())) {
                throw new ChainConflictException("audit chain " + chainId + " record " + r.seq()
                        + " is already in the database with another hash: another instance writes this chain"
                        + " (two instances with one clearance.instance.id, or a copied data folder); the"
                        + " journal keeps this instance's records");
            }
            if (stored == null) {
                fresh.add(r);
                if (r.evidenceHash() != null && held.add(r.evidenceHash()) && !knownEvidence(r.evidenceHash())) {
                    evidence.put(
                            r.evidenceHash(), Evidence.template(r.answerJson(), r.decisionId(), r.decidedAtText()));
                }
            }
        }
        insertEvidence(connection, evidence);
        try (PreparedStatement insertRecord = connection.prepareStatement(INSERT_RECORD);
                PreparedStatement insertRule = connection.prepareStatement(
                        "insert into audit_chain_rule (chain_id, seq, rule) values (?, ?, ?)")) {
            for (AuditRecord r : fresh) {
                bind(insertRecord, r);
                insertRecord.addBatch();
                for (String rule : rules(r)) {
                    insertRule.setString(1, chainId);
                    insertRule.setLong(2, r.seq());
                    insertRule.setString(3, rule);
                    insertRule.addBatch();
                }
            }
            if (!fresh.isEmpty()) {
                insertRecord.executeBatch();
                insertRule.executeBatch();
            }
        }
        insertCheckpoints(connection, chainId, checkpoints);
        return held;
    }

    // Evidence rows are never deleted, so a hash committed once stays in the database: records answered alike
    // (a memo's answers) need neither the look-up nor the blanked content again. Forgotten after a clash, in
    // case the database was not the one remembered.
    private boolean knownEvidence(String hash) {
        synchronized (evidenceShipped) {
            return evidenceShipped.containsKey(hash);
        }
    }

    private void rememberEvidence(Set<String> hashes) {
        synchronized (evidenceShipped) {
            hashes.forEach(h -> evidenceShipped.put(h, Boolean.TRUE));
        }
    }

    private void forgetEvidence() {
        synchronized (evidenceShipped) {
            evidenceShipped.clear();
        }
    }

    /**
     * The rule index rows of a record. They are a function of its evidence (the answer without its id and time,
     * named by its hash), so records that answered alike share them and the answer is parsed once per evidence,
     * not once per record: parsing it was most of shipping's own work.
     */
    private List<String> rules(AuditRecord r) {
        if (r.evidenceHash() == null) {
            return RuleIndex.rules(r, json);
        }
        synchronized (rulesByEvidence) {
            List<String> known = rulesByEvidence.get(r.evidenceHash());
            if (known != null) {
                return known;
            }
        }
        List<String> rules = RuleIndex.rules(r, json);
        synchronized (rulesByEvidence) {
            rulesByEvidence.put(r.evidenceHash(), rules);
        }
        return rules;
    }

    private static Map<Long, String> existingSeqs(Connection c, String chainId, long from, long to)
            throws SQLException {
        Map<Long, String> seqs = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "select seq, hash from audit_chain_record where chain_id = ? and seq >= ? and seq <= ?")) {
            s.setString(1, chainId);
            s.setLong(2, from);
            s.setLong(3, to);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    seqs.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        return seqs;
    }

    private static void insertEvidence(Connection c, Map<String, String> evidence) throws SQLException {
        if (evidence.isEmpty()) {
            return;
        }
        Set<String> known = new HashSet<>();
        List<String> hashes = new ArrayList<>(evidence.keySet());
        try (PreparedStatement s =
                c.prepareStatement("select hash from audit_evidence where hash in (" + placeholders(hashes) + ")")) {
            for (int i = 0; i < hashes.size(); i++) {
                s.setString(i + 1, hashes.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    known.add(rs.getString(1));
                }
            }
        }
        try (PreparedStatement insert =
                c.prepareStatement("insert into audit_evidence (hash, content) values (?, ?)")) {
            int added = 0;
            for (Map.Entry<String, String> e : evidence.entrySet()) {
                if (!known.contains(e.getKey())) {
                    insert.setString(1, e.getKey());
                    insert.setString(2, e.getValue());
                    insert.addBatch();
                    added++;
                }
            }
            if (added > 0) {
                insert.executeBatch();
            }
        }
    }

    private static void insertCheckpoints(Connection c, String chainId, List<Checkpoint> checkpoints)
            throws SQLException {
        for (Checkpoint checkpoint : checkpoints) {
            try (PreparedStatement exists =
                    c.prepareStatement("select 1 from audit_chain_checkpoint where chain_id = ? and seq = ?")) {
                exists.setString(1, chainId);
                exists.setLong(2, checkpoint.seq());
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        continue;
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("insert into audit_chain_checkpoint"
                    + " (chain_id, seq, hash, at, at_text, mac, signature) values (?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, chainId);
                s.setLong(2, checkpoint.seq());
                s.setString(3, checkpoint.hash());
                s.setObject(4, OffsetDateTime.ofInstant(checkpoint.at(), ZoneOffset.UTC));
                s.setString(5, checkpoint.at().toString());
                s.setString(6, checkpoint.mac());
                s.setString(7, checkpoint.signature());
                s.executeUpdate();
            }
        }
    }

    private static String placeholders(Collection<?> values) {
        return String.join(", ", java.util.Collections.nCopies(values.size(), "?"));
    }

    static void bind(PreparedStatement s, AuditRecord r) throws SQLException {
        int i = 0;
        s.setString(++i, r.chainId());
        s.setLong(++i, r.seq());
        s.setString(++i, r.decisionId());
        s.setObject(++i, OffsetDateTime.ofInstant(r.decidedAt(), ZoneOffset.UTC));
        s.setString(++i, r.decidedAtText());
        s.setString(++i, r.caller());
        s.setString(++i, r.subjectId());
        s.setString(++i, r.action());
        s.setString(++i, r.onBehalfOfId());
        s.setString(++i, r.requestJson());
        s.setString(++i, r.outcome());
        s.setString(++i, r.errorCode());
        s.setInt(++i, r.httpStatus());
        s.setString(++i, r.policyVersion());
        if (r.registryVersion() == null) {
            s.setNull(++i, Types.BIGINT);
        } else {
            s.setLong(++i, r.registryVersion());
        }
        s.setLong(++i, r.latencyMicros());
        s.setString(++i, r.evidenceHash());
        s.setString(++i, r.legacy() ? r.answerJson() : null);
        s.setString(++i, r.prevHash());
        s.setString(++i, r.hash());
        s.setString(++i, r.mac());
    }

    static Instant at(OffsetDateTime time) {
        return time.toInstant();
    }
}
