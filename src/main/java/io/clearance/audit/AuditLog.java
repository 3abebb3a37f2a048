package io.clearance.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The append-only audit log, written by group commit. Callers hand a record over and wait until the
 * transaction holding it has committed; one writer thread gathers whatever arrived during the previous
 * write (or within the flush interval) and inserts it as one batch, one transaction. An answer therefore
 * leaves only after its record is durable, at the cost of one commit per batch rather than per decision.
 *
 * <p>The writer thread alone assigns sequence numbers and chain hashes, so the chain needs no locks.
 * invariant: one writer per database; several Clearance instances on one database would need a
 * database sequence and a chain per instance.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    private static final long WAIT_FOR_COMMIT_SECONDS = 30;
    static final String INSERT_RECORD =
            "insert into audit_record (seq, decision_id, decided_at, subject_id, action, on_behalf_of_id,"
                    + " request_json, outcome, error_code, http_status, policy_version, registry_version, latency_micros, answer_json,"
                    + " prev_hash, hash, caller) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final AuditConfig config;
    // Bounded: when the database falls behind, callers wait at the door instead of filling the heap.
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(50_000);
    private volatile boolean accepting;
    private Thread writer;
    // Owned by the writer thread after start.
    private long nextSeq;
    private String lastHash;

    AuditLog(DataSource dataSource, AuditConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            if (connection.getMetaData().getDatabaseProductName().toLowerCase().contains("h2")) {
                // Embedded H2 otherwise keeps commits in memory for up to half a second; a killed server
                // would lose records whose answers had left. Zero writes each commit through to the file.
                statement.execute("SET WRITE_DELAY 0");
            }
            try (ResultSet last =
                    statement.executeQuery("select seq, hash from audit_record order by seq desc limit 1")) {
                if (last.next()) {
                    nextSeq = last.getLong(1) + 1;
                    lastHash = last.getString(2);
                } else {
                    nextSeq = 1;
                    lastHash = ChainHash.GENESIS;
                }
            }
        }
        accepting = true;
        writer = new Thread(this::run, "clearance-audit-writer");
        writer.setDaemon(true);
        writer.start();
        LOG.infof("audit log continues the chain at record %d", nextSeq);
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        accepting = false;
        if (writer != null) {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /**
     * Appends an entry and returns once it is committed.
     *
     * @throws AuditUnavailableException when the record could not be written: the answer must not go out
     */
    public AuditRecord append(AuditEntry entry) {
        if (!accepting) {
            throw new AuditUnavailableException("the audit log is not accepting records", null);
        }
        Pending pending = new Pending(entry, new CompletableFuture<>());
        try {
            if (!queue.offer(pending, WAIT_FOR_COMMIT_SECONDS, TimeUnit.SECONDS)) {
                throw new AuditUnavailableException("the audit log is saturated", null);
            }
            return pending.written().get(WAIT_FOR_COMMIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException("interrupted while waiting for the audit log", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AuditUnavailableException("the audit record could not be written", e);
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(config.maxBatch());
        long flushNanos = config.flushInterval().toNanos();
        while (accepting || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + flushNanos;
                while (batch.size() < config.maxBatch()) {
                    long left = deadline - System.nanoTime();
                    Pending next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("audit writer failed", e);
                batch.forEach(p -> p.written().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        List<AuditRecord> records = new ArrayList<>(batch.size());
        long seq = nextSeq;
        String previous = lastHash;
        for (Pending pending : batch) {
            AuditRecord record = AuditRecord.chain(seq++, pending.entry(), previous);
            records.add(record);
            previous = record.hash();
        }
        List<AuditRecord> checkpoints = records.stream()
                .filter(r -> r.seq() % config.checkpointEvery() == 0)
                .toList();
        QuarkusTransaction.requiringNew().run(() -> insert(records, batch, checkpoints));
        // Only a committed batch moves the chain on; a failed one leaves it where it was.
        nextSeq = seq;
        lastHash = previous;
        checkpoints.forEach(c -> LOG.infof("audit checkpoint seq=%d hash=%s", c.seq(), c.hash()));
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).written().complete(records.get(i));
        }
    }

    private void insert(List<AuditRecord> records, List<Pending> batch, List<AuditRecord> checkpoints) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insertRecord = connection.prepareStatement(INSERT_RECORD);
                PreparedStatement insertRule =
                        connection.prepareStatement("insert into audit_rule (seq, rule) values (?, ?)");
                PreparedStatement insertCheckpoint = connection.prepareStatement(
                        "insert into audit_checkpoint (seq, hash, created_at) values (?, ?, ?)")) {
            for (int i = 0; i < records.size(); i++) {
                AuditRecord r = records.get(i);
                bind(insertRecord, r);
                // Derived for search; the chained copy is the request's `caller` field.
                insertRecord.setString(17, batch.get(i).entry().caller());
                insertRecord.addBatch();
                for (String rule :
                        batch.get(i).entry().rules().stream().distinct().toList()) {
                    insertRule.setLong(1, r.seq());
                    insertRule.setString(2, rule.length() > 512 ? rule.substring(0, 512) : rule);
                    insertRule.addBatch();
                }
            }
            insertRecord.executeBatch();
            insertRule.executeBatch();
            for (AuditRecord c : checkpoints) {
                insertCheckpoint.setLong(1, c.seq());
                insertCheckpoint.setString(2, c.hash());
                insertCheckpoint.setObject(3, OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC));
                insertCheckpoint.addBatch();
            }
            if (!checkpoints.isEmpty()) {
                insertCheckpoint.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "could not insert " + records.size() + " audit records: " + e.getMessage(), e);
        }
    }

    static void bind(PreparedStatement s, AuditRecord r) throws SQLException {
        s.setLong(1, r.seq());
        s.setString(2, r.decisionId());
        s.setObject(3, OffsetDateTime.ofInstant(r.decidedAt(), ZoneOffset.UTC));
        s.setString(4, r.subjectId());
        s.setString(5, r.action());
        s.setString(6, r.onBehalfOfId());
        s.setString(7, r.requestJson());
        s.setString(8, r.outcome());
        s.setString(9, r.errorCode());
        s.setInt(10, r.httpStatus());
        s.setString(11, r.policyVersion());
        if (r.registryVersion() == null) {
            s.setNull(12, Types.BIGINT);
        } else {
            s.setLong(12, r.registryVersion());
        }
        s.setLong(13, r.latencyMicros());
        s.setString(14, r.answerJson());
        s.setString(15, r.prevHash());
        s.setString(16, r.hash());
    }

    private record Pending(AuditEntry entry, CompletableFuture<AuditRecord> written) {}
}
