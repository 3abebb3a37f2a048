package io.clearance.audit;

import io.clearance.audit.journal.FsyncPolicy;
import io.clearance.audit.journal.JournalCursor;
import io.clearance.audit.journal.JournalFrame;
import io.clearance.audit.journal.SegmentFile;
import io.clearance.audit.journal.SegmentFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Writers, entries, a failing disk and a failing database for the plain journal tests. */
final class JournalFixtures {

    static final ChainKeys KEYS = TestKeys.keys();

    private JournalFixtures() {}

    static ChainWriter writer(Path dir, SegmentFiles files, ShipTarget target, long maxBytes) throws IOException {
        ChainWriter writer = ChainWriter.open(
                "decisions",
                dir,
                files,
                KEYS,
                new ChainWriter.Settings(10, Duration.ofHours(1), FsyncPolicy.BATCH, maxBytes, 1000),
                Optional.empty(),
                16 * 1024,
                () -> target.head("decisions"));
        writer.recoveryPause(Duration.ZERO);
        return writer;
    }

    static AuditEntry entry(int answerBytes) {
        String id = UUID.randomUUID().toString();
        String answer =
                "{\"decisionId\":\"" + id + "\",\"decision\":\"DENY\",\"reasons\":[{\"rule\":\"r\",\"message\":\""
                        + "x".repeat(answerBytes) + "\"}]}";
        return new AuditEntry(
                id,
                Instant.now(),
                "party-1",
                "api.access",
                null,
                "{}",
                "DENY",
                null,
                200,
                "v1",
                1L,
                5,
                answer,
                List.of("r"));
    }

    /** Every record in the journal folder, read back as a restarted server would. */
    static List<AuditRecord> readBack(Path dir, ShipTarget target) throws IOException {
        List<AuditRecord> records = new ArrayList<>();
        try (ChainWriter reopened = writer(dir, SegmentFiles.DEFAULT, target, Long.MAX_VALUE);
                JournalCursor cursor = reopened.journal().cursor(1)) {
            JournalFrame frame;
            while ((frame = cursor.next()) != null) {
                if (frame.type() == JournalCodec.RECORD) {
                    records.add(JournalCodec.record(frame));
                }
            }
        }
        return records;
    }

    /** A disk that holds {@code free} more bytes: a write past it stores what fits, then fails as ENOSPC does. */
    static final class FullDisk implements SegmentFiles {

        final AtomicLong free;

        FullDisk(long free) {
            this.free = new AtomicLong(free);
        }

        @Override
        public SegmentFile open(Path path, boolean write) throws IOException {
            SegmentFile file = SegmentFiles.DEFAULT.open(path, write);
            return new SegmentFile() {
                @Override
                public void append(ByteBuffer bytes) throws IOException {
                    long room = free.get();
                    if (bytes.remaining() > room) {
                        ByteBuffer part = bytes.duplicate();
                        part.limit(part.position() + (int) room);
                        file.append(part);
                        free.set(0);
                        throw new IOException("No space left on device");
                    }
                    free.addAndGet(-bytes.remaining());
                    file.append(bytes);
                }

                @Override
                public int read(ByteBuffer into, long position) throws IOException {
                    return file.read(into, position);
                }

                @Override
                public long size() throws IOException {
                    return file.size();
                }

                @Override
                public void truncate(long size) throws IOException {
                    long before = file.size();
                    file.truncate(size);
                    free.addAndGet(Math.max(0, before - size));
                }

                @Override
                public void force() throws IOException {
                    file.force();
                }

                @Override
                public void close() throws IOException {
                    file.close();
                }
            };
        }
    }

    /** A database that can be switched off: shipping fails while it is down. */
    static final class Database implements ShipTarget {

        final TreeMap<Long, AuditRecord> records = new TreeMap<>();
        final List<Checkpoint> checkpoints = new ArrayList<>();
        volatile boolean down;

        @Override
        public synchronized Optional<AuditRecord> head(String chainId) {
            if (down) {
                throw new IllegalStateException("The database has been closed");
            }
            return records.isEmpty()
                    ? Optional.empty()
                    : Optional.of(records.lastEntry().getValue());
        }

        @Override
        public synchronized Optional<AuditRecord> at(String chainId, long seq) {
            if (down) {
                throw new IllegalStateException("The database has been closed");
            }
            return Optional.ofNullable(records.get(seq));
        }

        @Override
        public synchronized void ship(String chainId, List<AuditRecord> batch, List<Checkpoint> marks) {
            if (down) {
                throw new IllegalStateException("The database has been closed");
            }
            batch.forEach(r -> records.putIfAbsent(r.seq(), r));
            checkpoints.addAll(marks);
        }

        synchronized List<String> ids() {
            return records.values().stream().map(AuditRecord::decisionId).toList();
        }
    }
}
