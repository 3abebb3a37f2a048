package io.clearance.audit;

import io.clearance.audit.journal.FsyncPolicy;
import io.clearance.audit.journal.Journal;
import io.clearance.audit.journal.JournalFrame;
import io.clearance.audit.journal.SegmentFile;
import io.clearance.audit.journal.SegmentFiles;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Writes one chain: gives each entry the next sequence number, its hash and mac, appends it to the journal and
 * returns only once the journal write returned, so the answer that follows is always logged.
 *
 * <p>Group commit without a hand-off: callers queue their entry and take the lock; whoever holds it writes
 * every queued entry in one journal write (and one fsync under {@link FsyncPolicy#BATCH}), the others find
 * theirs written. A failed write marks the chain failed: every caller gets {@link AuditUnavailableException}
 * (503) and readiness goes down until a recovery (cut the torn tail, write a probe) succeeds. The chain then
 * continues from the last whole record on disk: no number held by a record on disk is ever given again.
 *
 * <p>Why this file is one piece: the next sequence number, the last hash, the failure and the recovery that
 * resumes from the disk are guarded by one lock and share that invariant; the group commit, the failing and
 * the recovering each read and move all of them, so apart they would need the lock and the numbers shared
 * between files. What needs none of that state lives beside it: the journal, {@link HeadFile}, {@link
 * HeadWitness}, {@link ChainKeys}.
 */
public final class ChainWriter implements Closeable {

    private static final Logger LOG = Logger.getLogger(ChainWriter.class);

    /** What a writer needs besides its journal. */
    public record Settings(
            int checkpointEvery, Duration checkpointInterval, FsyncPolicy fsync, long maxBytes, int tailCache) {}

    private final String chainId;
    private final Journal journal;
    private final Path journalDir;
    private final SegmentFiles files;
    private final ChainKeys keys;
    private final Settings settings;
    private final List<HeadWitness> witnesses;
    private final Supplier<Optional<AuditRecord>> databaseHead;
    private final HeadFile headFile;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, AuditRecord> tail = new LinkedHashMap<>();
    private Runnable onWrite = () -> {};
    // Guarded by lock.
    private long nextSeq;
    private String lastHash;
    private long lastCheckpointNanos = System.nanoTime();
    private long lastRecoveryNanos;
    private long recoveryPauseNanos = Duration.ofMillis(200).toNanos();
    private volatile boolean started;
    private volatile String failure;
    private volatile Instant failedSince;
    private volatile long shippedSeq;
    private volatile Instant oldestUnshipped;
    private volatile AuditRecord shippedHead;

    ChainWriter(
            String chainId,
            Journal journal,
            Path journalDir,
            SegmentFiles files,
            ChainKeys keys,
            Settings settings,
            HeadFile headFile,
            List<HeadWitness> witnesses,
            Supplier<Optional<AuditRecord>> databaseHead) {
        this.chainId = chainId;
        this.journal = journal;
        this.journalDir = journalDir;
        this.files = files;
        this.keys = keys;
        this.settings = settings;
        this.headFile = headFile;
        this.witnesses = witnesses;
        this.databaseHead = databaseHead;
        lock.lock();
        try {
            resume();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Opens the chain's journal under {@code dataDir/journal/<chainId>} (recovering it) and its head file under
     * {@code dataDir/heads}, with an optional external witness.
     */
    public static ChainWriter open(
            String chainId,
            Path dataDir,
            SegmentFiles files,
            ChainKeys keys,
            Settings settings,
            Optional<Path> witnessFile,
            long segmentBytes,
            Supplier<Optional<AuditRecord>> databaseHead)
            throws IOException {
        Path journalDir = dataDir.resolve("journal").resolve(chainId);
        Journal journal = Journal.open(journalDir, segmentBytes, files, settings.fsync());
        boolean force = settings.fsync() != FsyncPolicy.NONE;
        HeadFile heads = new HeadFile(HeadFile.of(dataDir, chainId), force);
        List<HeadWitness> witnesses = new ArrayList<>();
        witnesses.add(heads);
        witnessFile.ifPresent(w -> witnesses.add(new HeadFile(w, force)));
        return new ChainWriter(
                chainId, journal, journalDir, files, keys, settings, heads, List.copyOf(witnesses), databaseHead);
    }

    HeadFile headFile() {
        return headFile;
    }

    /** Called after every successful write (the shipper wakes up). */
    void onWrite(Runnable action) {
        this.onWrite = action;
    }

    // Where the chain continues: the journal's last record, else the database's head (a new or emptied journal).
    private void resume() {
        try {
            Optional<JournalFrame> last = journal.last(JournalCodec.RECORD);
            AuditRecord head = last.isPresent()
                    ? JournalCodec.record(last.get())
                    : databaseHead.get().orElse(null);
            long headSeq = head == null ? 0 : head.seq();
            Optional<Checkpoint> witnessed = headFile.last(chainId);
            if (witnessed.isPresent() && witnessed.get().seq() > headSeq) {
                throw new IllegalStateException("the head file " + headFile.path() + " holds a checkpoint at record "
                        + witnessed.get().seq() + " but the journal and the database end at " + headSeq
                        + ": records were lost or removed; restore them, or move the head file away to start anew");
            }
            nextSeq = headSeq + 1;
            lastHash = head == null ? ChainHash.GENESIS : head.hash();
            started = true;
            failure = null;
            failedSince = null;
            LOG.infof("audit chain %s continues at record %d (journal %s)", chainId, nextSeq, journalDir);
        } catch (IOException | RuntimeException e) {
            fail("cannot find where the chain continues: " + e.getMessage(), e);
        }
    }

    /**
     * Logs the entry and returns its record once it is in the journal.
     *
     * @throws AuditUnavailableException when it could not be written: the answer must not go out
     */
    public AuditRecord append(AuditEntry entry) {
        if (failure != null && !tryRecover()) {
            throw new AuditUnavailableException("the audit journal is failing: " + failure, null);
        }
        if (journal.bytes() > settings.maxBytes()) {
            throw new AuditUnavailableException(
                    "the audit journal holds " + journal.bytes() + " bytes not yet in the database (limit "
                            + settings.maxBytes() + "): decisions are refused until shipping catches up",
                    null);
        }
        Pending pending = new Pending(entry);
        queue.add(pending);
        lock.lock();
        try {
            if (!pending.done) {
                writeQueued();
            }
        } finally {
            lock.unlock();
        }
        if (pending.error != null) {
            throw new AuditUnavailableException("the audit record could not be written: " + pending.error, null);
        }
        return pending.record;
    }

    private void writeQueued() {
        List<Pending> batch = new ArrayList<>();
        Pending next;
        while ((next = queue.poll()) != null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return;
        }
        if (failure != null || !started) {
            batch.forEach(p -> p.fail(failure == null ? "the chain has not started" : failure));
            return;
        }
        List<JournalFrame> frames = new ArrayList<>(batch.size() + 1);
        List<AuditRecord> records = new ArrayList<>(batch.size());
        List<Checkpoint> checkpoints = new ArrayList<>(1);
        long seq = nextSeq;
        String previous = lastHash;
        long now = System.nanoTime();
        for (int i = 0; i < batch.size(); i++) {
            AuditRecord record = AuditRecord.chain(chainId, seq, batch.get(i).entry, previous, keys);
            records.add(record);
            frames.add(JournalCodec.frame(record));
            boolean last = i == batch.size() - 1;
            if (seq % settings.checkpointEvery() == 0
                    || (last
                            && now - lastCheckpointNanos
                                    >= settings.checkpointInterval().toNanos())) {
                Checkpoint checkpoint = Checkpoint.of(record, Instant.now(), keys);
                checkpoints.add(checkpoint);
                frames.add(JournalCodec.frame(checkpoint));
                lastCheckpointNanos = now;
            }
            previous = record.hash();
            seq++;
        }
        try {
            journal.append(frames);
            if (settings.fsync() == FsyncPolicy.BATCH) {
                journal.force();
            }
        } catch (IOException | RuntimeException e) {
            fail("write failed: " + e.getMessage(), e);
            batch.forEach(p -> p.fail(failure));
            return;
        }
        nextSeq = seq;
        lastHash = previous;
        synchronized (tail) {
            for (AuditRecord record : records) {
                tail.put(record.decisionId(), record);
            }
            while (tail.size() > settings.tailCache()) {
                tail.remove(tail.keySet().iterator().next());
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).complete(records.get(i));
        }
        checkpoints.forEach(this::publish);
        onWrite.run();
    }

    private void publish(Checkpoint checkpoint) {
        LOG.infof("audit checkpoint %s", checkpoint.line());
        for (HeadWitness witness : witnesses) {
            try {
                witness.witness(checkpoint);
            } catch (IOException | RuntimeException e) {
                LOG.errorf(e, "audit checkpoint %d of chain %s not written to a witness", checkpoint.seq(), chainId);
            }
        }
    }

    /** A checkpoint of the newest record, when it has none yet (at shutdown, so the head file ends at the head). */
    void checkpointHead() {
        lock.lock();
        try {
            Optional<JournalFrame> lastRecord = journal.last(JournalCodec.RECORD);
            Optional<JournalFrame> lastCheckpoint = journal.last(JournalCodec.CHECKPOINT);
            if (failure != null
                    || lastRecord.isEmpty()
                    || (lastCheckpoint.isPresent()
                            && lastCheckpoint.get().seq() == lastRecord.get().seq())) {
                return;
            }
            Checkpoint checkpoint = Checkpoint.of(JournalCodec.record(lastRecord.get()), Instant.now(), keys);
            journal.append(List.of(JournalCodec.frame(checkpoint)));
            journal.force();
            publish(checkpoint);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("no checkpoint of chain %s at shutdown: %s", chainId, e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    private void fail(String reason, Throwable cause) {
        if (failure == null) {
            failedSince = Instant.now();
            LOG.errorf(cause, "audit chain %s: %s; decisions are refused (503) until it writes again", chainId, reason);
        }
        failure = reason;
    }

    /** Recovers after a failure when a probe write succeeds; at most every 200 ms, so a full disk is not hammered. */
    boolean tryRecover() {
        lock.lock();
        try {
            if (failure == null) {
                return true;
            }
            long now = System.nanoTime();
            if (now - lastRecoveryNanos < recoveryPauseNanos) {
                return false;
            }
            lastRecoveryNanos = now;
            try {
                journal.recover();
                probe();
            } catch (IOException | RuntimeException e) {
                failure = "still failing: " + e.getMessage();
                return false;
            }
            String was = failure;
            failure = null;
            resume();
            if (failure == null) {
                LOG.infof("audit chain %s writes again (was: %s)", chainId, was);
            }
            return failure == null;
        } finally {
            lock.unlock();
        }
    }

    /** Tests recover without pausing. */
    void recoveryPause(Duration pause) {
        recoveryPauseNanos = pause.toNanos();
    }

    /** Writes and removes a small file beside the segments, through the same file seam: can the journal write? */
    void probe() throws IOException {
        Path probe = journalDir.resolve("probe.tmp");
        try (SegmentFile file = files.open(probe, true)) {
            file.truncate(0);
            file.append(ByteBuffer.allocate(4096));
            file.force();
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /** Forces the journal (the fsync interval's thread); a failure fails the chain like a failed write. */
    void force() {
        try {
            journal.force();
        } catch (IOException e) {
            lock.lock();
            try {
                fail("fsync failed: " + e.getMessage(), e);
            } finally {
                lock.unlock();
            }
        }
    }

    /** A record answered but perhaps not yet in the database. */
    Optional<AuditRecord> unshipped(String decisionId) {
        synchronized (tail) {
            return Optional.ofNullable(tail.get(decisionId));
        }
    }

    /** The shipper reports what the database now holds; shipped segments are deleted. */
    void shipped(long seq, AuditRecord lastShipped, Instant nextUnshippedAt) {
        if (lastShipped != null) {
            shippedHead = lastShipped;
        }
        oldestUnshipped = nextUnshippedAt;
        synchronized (tail) {
            tail.values().removeIf(r -> r.seq() <= seq);
        }
        try {
            journal.dropThrough(seq);
        } catch (IOException e) {
            LOG.warnf("audit chain %s: shipped segments not deleted: %s", chainId, e.getMessage());
        }
        // Published last: whoever waits for a sequence number to be shipped also finds its segments gone.
        shippedSeq = seq;
    }

    public String chainId() {
        return chainId;
    }

    Journal journal() {
        return journal;
    }

    /** {@code null} while the chain writes; else why it refuses. */
    public String failure() {
        return failure;
    }

    public Instant failedSince() {
        return failedSince;
    }

    public long lastSeq() {
        return journal.lastSeq();
    }

    public long shippedSeq() {
        return shippedSeq;
    }

    /** The newest record this instance shipped itself (not read back from the database). */
    public Optional<AuditRecord> shippedHead() {
        return Optional.ofNullable(shippedHead);
    }

    /** Whether the journal still holds every record after {@code seq} (they will reach the database). */
    public boolean journalHoldsAfter(long seq) {
        return journal.firstSeq().map(first -> first <= seq + 1).orElse(journal.lastSeq() <= seq);
    }

    /** The journal's backlog: records not yet in the database, bytes on disk, age of the oldest unshipped. */
    public AuditBacklog backlog() {
        long records = Math.max(0, journal.lastSeq() - shippedSeq);
        Instant oldest = oldestUnshipped;
        Duration lag = records == 0 || oldest == null ? Duration.ZERO : Duration.between(oldest, Instant.now());
        return new AuditBacklog(chainId, records, journal.bytes(), settings.maxBytes(), lag);
    }

    @Override
    public void close() throws IOException {
        journal.close();
    }

    private static final class Pending {
        final AuditEntry entry;
        volatile boolean done;
        AuditRecord record;
        String error;

        Pending(AuditEntry entry) {
            this.entry = entry;
        }

        void complete(AuditRecord written) {
            record = written;
            done = true;
        }

        void fail(String reason) {
            error = reason;
            done = true;
        }
    }
}
