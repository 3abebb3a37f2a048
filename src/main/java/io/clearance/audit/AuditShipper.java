package io.clearance.audit;

import io.clearance.audit.journal.JournalCursor;
import io.clearance.audit.journal.JournalFrame;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;

/**
 * Copies a chain's journal into the database in the background, in batches, from the database's own
 * high-water mark: after a crash it resumes where the database ends, and a batch shipped twice changes
 * nothing. While the database is unreachable it retries with a growing pause and the journal grows; when it
 * returns, the backlog drains. A record missing from both (the journal already dropped it, the database lost
 * it) is logged as a gap and left for {@code verify} to name.
 */
public final class AuditShipper implements Runnable {

    private static final Logger LOG = Logger.getLogger(AuditShipper.class);
    private static final Duration IDLE = Duration.ofMillis(50);
    // After a batch smaller than the largest, records are left to gather this long before the next: a batch
    // per decision (a transaction, an index probe and a commit each) cost the database more than the
    // decisions themselves, and woke this thread once per answer. Answers never wait for shipping (the
    // journal holds them); a reader that must see them in the database hurries the shipper (awaitShipped).
    // 10 ms still left batches of a few records under load, and a profile (JFR, wrk at 8 connections on memo
    // hits) put a third of shipping in the per-batch commit and look-ups: 50 ms made batches five times larger.
    // At one connection (a few hundred answers a second) 50 ms still made batches of ten or so, and shipping was
    // a fifth to a third of the process's CPU (JFR, wrk -c1): 200 ms makes them four times larger again, and
    // the database stays at most a fifth of a second behind the journal while records keep coming.
    private static final Duration GATHER = Duration.ofMillis(200);

    private final ChainWriter writer;
    private final ShipTarget target;
    private final int batchSize;
    private final Duration maxBackoff;
    private final Object shippedSignal = new Object();
    private volatile boolean running = true;
    private volatile Thread thread;
    // Set while the shipper waits for records: only then does a write wake it.
    private volatile boolean idle;
    // Set by a reader waiting for the database: the next batch goes without gathering.
    private volatile boolean hurried;
    private volatile String lastError;
    private volatile Instant failingSince;
    private volatile String conflict;
    // Owned by the shipping thread.
    private long highWater = -1;
    private JournalCursor cursor;
    private AuditRecord lastShipped;

    public AuditShipper(ChainWriter writer, ShipTarget target, int batchSize, Duration maxBackoff) {
        this.writer = writer;
        this.target = target;
        this.batchSize = batchSize;
        this.maxBackoff = maxBackoff;
    }

    public void start() {
        Thread t = new Thread(this, "clearance-audit-shipper-" + writer.chainId());
        t.setDaemon(true);
        thread = t;
        writer.onWrite(this::written);
        t.start();
    }

    private void written() {
        if (idle) {
            wake();
        }
    }

    void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public void run() {
        long backoffMillis = 0;
        while (running || (lastError == null && writer.shippedSeq() < writer.lastSeq())) {
            try {
                int shipped = shipOnce();
                failingSince = null;
                backoffMillis = 0;
                if (shipped == 0) {
                    idle = true;
                    // Checked after idle is set: a record written after this check wakes the park.
                    Duration wait = writer.lastSeq() <= highWater ? IDLE : GATHER;
                    if (running) {
                        LockSupport.parkNanos(wait.toNanos());
                    }
                    idle = false;
                } else if (shipped < batchSize && running && !hurried) {
                    LockSupport.parkNanos(GATHER.toNanos());
                }
                hurried = false;
            } catch (RuntimeException | IOException e) {
                if (lastError == null) {
                    failingSince = Instant.now();
                    LOG.warnf(
                            "audit chain %s: shipping to the database failed (%s); the journal keeps the records",
                            writer.chainId(), e.getMessage());
                }
                lastError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                conflict = conflictIn(e);
                closeCursor();
                highWater = -1;
                backoffMillis = Math.min(Math.max(50, backoffMillis * 2), maxBackoff.toMillis());
                if (!running) {
                    return;
                }
                LockSupport.parkNanos(Duration.ofMillis(backoffMillis).toNanos());
            }
        }
        closeCursor();
    }

    /**
     * The database's head must be this journal's own past: records up to it are taken as shipped and their
     * segments deleted, so a head written by another writer of this chain (two instances given one id) would
     * delete records that never reached the database. Compared where both still hold a record.
     */
    private void requireOwnPast(AuditRecord head) throws IOException {
        long at = Math.min(head.seq(), writer.lastSeq());
        Optional<Long> first = writer.journal().firstSeq();
        if (at <= 0 || first.isEmpty() || first.get() > at) {
            return;
        }
        Optional<AuditRecord> ours = journalRecord(at);
        Optional<AuditRecord> stored = at == head.seq() ? Optional.of(head) : target.at(writer.chainId(), at);
        if (ours.isPresent()
                && stored.isPresent()
                && !ours.get().hash().equals(stored.get().hash().trim())) {
            throw new ChainConflictException("audit chain " + writer.chainId() + " record " + at
                    + " in the database is not the one in this instance's journal: another instance writes this"
                    + " chain (two instances with one clearance.instance.id, or a copied data folder); the journal"
                    + " keeps this instance's records");
        }
    }

    private Optional<AuditRecord> journalRecord(long seq) throws IOException {
        try (JournalCursor reader = writer.journal().cursor(seq)) {
            JournalFrame frame;
            while ((frame = reader.next()) != null && frame.seq() <= seq) {
                if (frame.type() == JournalCodec.RECORD && frame.seq() == seq) {
                    return Optional.of(JournalCodec.record(frame));
                }
            }
        }
        return Optional.empty();
    }

    /** Ships one batch; returns how many records it held. */
    int shipOnce() throws IOException {
        if (highWater < 0) {
            Optional<AuditRecord> head = target.head(writer.chainId());
            if (head.isPresent()) {
                requireOwnPast(head.get());
            }
            highWater = head.map(AuditRecord::seq).orElse(0L);
            closeCursor();
        }
        if (cursor == null) {
            cursor = writer.journal().cursor(highWater + 1);
        }
        List<AuditRecord> records = new ArrayList<>();
        List<Checkpoint> checkpoints = new ArrayList<>();
        JournalFrame frame;
        // A record and its checkpoint share a number and go in one batch.
        while ((frame = cursor.peek()) != null
                && (records.size() < batchSize
                        || (!records.isEmpty()
                                && frame.seq()
                                        == records.get(records.size() - 1).seq()))) {
            cursor.next();
            if (frame.type() == JournalCodec.RECORD) {
                records.add(JournalCodec.record(frame));
            } else if (frame.type() == JournalCodec.CHECKPOINT) {
                checkpoints.add(JournalCodec.checkpoint(frame));
            }
        }
        if (records.isEmpty() && checkpoints.isEmpty()) {
            report();
            return 0;
        }
        long first =
                records.isEmpty() ? checkpoints.get(0).seq() : records.get(0).seq();
        if (first > highWater + 1) {
            LOG.errorf(
                    "audit chain %s: records %d to %d are in neither the database nor the journal; verify will"
                            + " report the gap",
                    writer.chainId(), highWater + 1, first - 1);
        }
        target.ship(writer.chainId(), records, checkpoints);
        if (!records.isEmpty()) {
            highWater = records.get(records.size() - 1).seq();
            lastShipped = records.get(records.size() - 1);
        }
        report();
        return records.size();
    }

    private void report() throws IOException {
        JournalFrame next = cursor == null ? null : cursor.peek();
        Instant nextAt = next != null && next.type() == JournalCodec.RECORD
                ? JournalCodec.record(next).decidedAt()
                : null;
        writer.shipped(highWater, lastShipped, nextAt);
        // Cleared before waiters wake: whoever sees the records shipped also sees the health warning gone.
        if (lastError != null) {
            LOG.infof("audit chain %s: the database takes records again (was: %s)", writer.chainId(), lastError);
            lastError = null;
            conflict = null;
        }
        synchronized (shippedSignal) {
            shippedSignal.notifyAll();
        }
    }

    /**
     * Waits until every record written before the call is in the database, at most {@code wait}; returns
     * whether it is.
     */
    public boolean awaitShipped(Duration wait) throws InterruptedException {
        long target = writer.lastSeq();
        long deadline = System.nanoTime() + wait.toNanos();
        hurried = true;
        wake();
        synchronized (shippedSignal) {
            while (writer.shippedSeq() < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                shippedSignal.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    /** Stops after shipping what it can within {@code wait}. */
    public void stop(Duration wait) throws InterruptedException {
        running = false;
        wake();
        Thread t = thread;
        if (t != null) {
            t.join(wait.toMillis());
        }
    }

    /** The last shipping error, {@code null} while shipping works. */
    public String lastError() {
        return lastError;
    }

    public Instant failingSince() {
        return failingSince;
    }

    /**
     * Why the database refuses this chain's records as another writer's ({@link ChainConflictException}),
     * {@code null} otherwise: unlike an outage, waiting does not mend it, so readiness goes down.
     */
    public String conflict() {
        return conflict;
    }

    private static String conflictIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ChainConflictException) {
                return t.getMessage();
            }
        }
        return null;
    }

    private void closeCursor() {
        if (cursor != null) {
            try {
                cursor.close();
            } catch (IOException e) {
                // a read-only handle: nothing to lose
            }
            cursor = null;
        }
    }
}
