package io.clearance.audit.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full segment is forced when the next starts only where the fsync policy asks for it: the roll happens
 * inside an append, on the thread about to answer, so under {@code none} and {@code interval} it must not
 * wait for the disk; under {@code interval} the next background force takes the closed segment too.
 */
class JournalRollTest {

    @TempDir
    Path dir;

    // fsync calls by segment file name
    private final Map<String, Integer> forces = new ConcurrentHashMap<>();

    private SegmentFiles counting() {
        return (path, write) -> {
            SegmentFile file = SegmentFiles.DEFAULT.open(path, write);
            String name = path.getFileName().toString();
            return new SegmentFile() {
                @Override
                public void append(ByteBuffer bytes) throws IOException {
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
                    file.truncate(size);
                }

                @Override
                public void force() throws IOException {
                    forces.merge(name, 1, Integer::sum);
                    file.force();
                }

                @Override
                public void close() throws IOException {
                    file.close();
                }
            };
        };
    }

    // Three frames of 100 bytes into segments of 150: each frame starts a segment.
    private Journal writeThree(FsyncPolicy fsync) throws IOException {
        Journal journal = Journal.open(dir.resolve(fsync.name()), 150, counting(), fsync);
        for (long seq = 1; seq <= 3; seq++) {
            journal.append(List.of(new JournalFrame(seq, (byte) 1, new byte[100])));
        }
        assertEquals(3, journal.segments().size());
        assertEquals(3, journal.lastSeq());
        return journal;
    }

    @Test
    void underNoneARollNeverWaitsForTheDisk() throws IOException {
        try (Journal journal = writeThree(FsyncPolicy.NONE)) {
            assertEquals(Map.of(), forces);
            assertEquals(List.of(1L, 2L, 3L), List.copyOf(journal.segments().keySet()));
        }
    }

    @Test
    void underBatchEachFullSegmentIsForcedAsTheNextStarts() throws IOException {
        try (Journal journal = writeThree(FsyncPolicy.BATCH)) {
            assertEquals(Map.of(name(1), 1, name(2), 1), forces);
        }
    }

    @Test
    void underIntervalTheBackgroundForceTakesTheClosedSegments() throws IOException {
        try (Journal journal = writeThree(FsyncPolicy.INTERVAL)) {
            assertEquals(Map.of(), forces);
            journal.force();
            assertEquals(Map.of(name(1), 1, name(2), 1, name(3), 1), forces);
            journal.force();
            // closed segments are forced once; the active one at every interval
            assertEquals(Map.of(name(1), 1, name(2), 1, name(3), 2), forces);
        }
    }

    @Test
    void framesWrittenAcrossRollsReadBackInOrder() throws IOException {
        try (Journal journal = writeThree(FsyncPolicy.NONE);
                JournalCursor cursor = journal.cursor(1)) {
            for (long seq = 1; seq <= 3; seq++) {
                assertEquals(seq, cursor.next().seq());
            }
        }
    }

    private static String name(long firstSeq) {
        return String.format("%020d.seg", firstSeq);
    }
}
