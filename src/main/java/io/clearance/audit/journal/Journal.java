package io.clearance.audit.journal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * One chain's append-only journal: a folder of segment files named after the first sequence number they
 * hold ({@code 00000000000000000001.seg}), each a run of {@link Frames frames}. Appends go to the last
 * segment with a plain {@code write}: once it returns, the bytes are in the page cache and survive the
 * process being killed; {@link #force()} makes them survive the operating system too.
 *
 * <p>Opening recovers: the last segment is scanned and a torn tail (a frame written in part) is cut off and
 * logged. Only a frame whose write never completed can be torn, and no answer waited on such a frame. After a
 * failed append the journal refuses appends until {@link #recover()} succeeds.
 *
 * <p>invariant: frame sequence numbers never decrease; frames sharing a number (a record and its checkpoint)
 * stay in one segment, because a new segment starts only at a new number.
 */
public final class Journal implements Closeable {

    private static final Logger LOG = Logger.getLogger(Journal.class);
    private static final String SUFFIX = ".seg";

    private final Path dir;
    private final long segmentBytes;
    private final SegmentFiles files;
    private final FsyncPolicy fsync;
    // Under FsyncPolicy.INTERVAL: segments closed for writing that the next force() forces (then closes).
    private final List<SegmentFile> unforced = new ArrayList<>();
    private final ConcurrentSkipListMap<Long, Path> segments = new ConcurrentSkipListMap<>();
    private final Map<Byte, JournalFrame> lastByType = new HashMap<>();
    private SegmentFile active;
    private long activeSize;
    private long activeLastSeq;
    private long closedBytes;
    private boolean needsRecovery;
    // Read by cursors on other threads: the newest sequence number whose frames are all written.
    private volatile long published;
    private volatile long totalBytes;

    private Journal(Path dir, long segmentBytes, SegmentFiles files, FsyncPolicy fsync) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.files = files;
        this.fsync = fsync;
    }

    /** Opens (creating the folder if needed) and recovers the journal in {@code dir}; a full segment is forced. */
    public static Journal open(Path dir, long segmentBytes, SegmentFiles files) throws IOException {
        return open(dir, segmentBytes, files, FsyncPolicy.BATCH);
    }

    /**
     * Opens and recovers the journal in {@code dir}. A full segment is forced as the next one starts only under
     * {@link FsyncPolicy#BATCH}, where an answer waits for the disk anyway; under {@link FsyncPolicy#INTERVAL}
     * the interval's force takes it, and under {@link FsyncPolicy#NONE} the OS writes it back. The roll happens
     * inside an append, on the thread about to answer: forcing 64 MB there held every answer behind it.
     */
    public static Journal open(Path dir, long segmentBytes, SegmentFiles files, FsyncPolicy fsync) throws IOException {
        Journal journal = new Journal(dir, segmentBytes, files, fsync);
        journal.recover();
        return journal;
    }

    /**
     * Finds the segments, cuts a torn tail off the last one and reopens it for appending. Called at opening
     * and after a failed append; safe to call again when it fails.
     */
    public synchronized void recover() throws IOException {
        closeActive();
        Files.createDirectories(dir);
        segments.clear();
        lastByType.clear();
        activeSize = 0;
        activeLastSeq = 0;
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).forEach(p -> segments.put(firstSeqOf(p), p));
        }
        closedBytes = 0;
        for (Path p : segments.values()) {
            closedBytes += Files.size(p);
        }
        while (!segments.isEmpty()) {
            Map.Entry<Long, Path> last = segments.lastEntry();
            closedBytes -= Files.size(last.getValue());
            SegmentFile file = files.open(last.getValue(), true);
            long end = scan(file, last.getValue());
            if (end == 0) {
                // Nothing whole in it: a segment created just before a crash. The one before holds the tail.
                file.close();
                Files.delete(last.getValue());
                segments.remove(last.getKey());
                continue;
            }
            active = file;
            activeSize = end;
            break;
        }
        published = activeLastSeq;
        totalBytes = closedBytes + activeSize;
        needsRecovery = false;
    }

    // Reads every frame of the segment, keeps the last of each type, cuts what follows the last whole frame.
    private long scan(SegmentFile file, Path path) throws IOException {
        long size = file.size();
        long position = 0;
        Frames.Read read;
        while ((read = Frames.read(file, position, size)) != null) {
            lastByType.put(read.frame().type(), read.frame());
            activeLastSeq = read.frame().seq();
            position = read.next();
        }
        if (position < size) {
            String reason = Frames.tornReason(file, position, size);
            file.truncate(position);
            LOG.warnf(
                    "audit journal: cut a torn tail of %d bytes at offset %d of %s (%s); it was never acknowledged",
                    size - position, position, path.getFileName(), reason);
        }
        return position;
    }

    /** The newest frame of this type left by earlier runs or appends, if any. */
    public synchronized Optional<JournalFrame> last(byte type) {
        return Optional.ofNullable(lastByType.get(type));
    }

    /**
     * Writes the frames at the end of the journal, in order. When it throws, any of them may be on disk in
     * whole or in part, and the journal refuses appends until {@link #recover()} has cut the torn part.
     */
    public synchronized void append(List<JournalFrame> frames) throws IOException {
        if (needsRecovery) {
            throw new IOException("the journal needs recovery after a failed write");
        }
        try {
            for (JournalFrame frame : frames) {
                ByteBuffer bytes = Frames.encode(frame);
                if (active == null || (frame.seq() > activeLastSeq && activeSize + bytes.remaining() > segmentBytes)) {
                    roll(frame.seq());
                }
                active.append(bytes);
                activeSize += bytes.capacity();
                activeLastSeq = frame.seq();
                lastByType.put(frame.type(), frame);
            }
        } catch (IOException | RuntimeException e) {
            needsRecovery = true;
            throw e;
        } finally {
            totalBytes = closedBytes + activeSize;
        }
        published = activeLastSeq;
    }

    private void roll(long firstSeq) throws IOException {
        if (active != null) {
            if (fsync == FsyncPolicy.INTERVAL) {
                unforced.add(active);
            } else {
                if (fsync == FsyncPolicy.BATCH) {
                    active.force();
                }
                active.close();
            }
            closedBytes += activeSize;
        }
        Path path = dir.resolve(String.format("%020d%s", firstSeq, SUFFIX));
        active = files.open(path, true);
        activeSize = 0;
        segments.put(firstSeq, path);
    }

    /** {@code fsync} of the segment being written (earlier ones were forced when they were closed). */
    public void force() throws IOException {
        SegmentFile file;
        List<SegmentFile> closed;
        synchronized (this) {
            file = active;
            closed = List.copyOf(unforced);
            unforced.clear();
        }
        IOException failed = null;
        for (SegmentFile segment : closed) {
            try (segment) {
                segment.force();
            } catch (IOException e) {
                failed = failed == null ? e : failed;
            }
        }
        if (failed != null) {
            throw failed;
        }
        if (file != null) {
            file.force();
        }
    }

    /** The bytes of every segment on disk. */
    public long bytes() {
        return totalBytes;
    }

    /** The newest sequence number whose frames are all written. */
    public long lastSeq() {
        return published;
    }

    /** The first sequence number still on disk, or empty when the journal holds nothing. */
    public Optional<Long> firstSeq() {
        return segments.isEmpty() ? Optional.empty() : Optional.of(segments.firstKey());
    }

    /** Deletes the segments whose every frame has a number up to {@code shippedSeq}; never the last one. */
    public synchronized void dropThrough(long shippedSeq) throws IOException {
        while (segments.size() > 1) {
            Map.Entry<Long, Path> first = segments.firstEntry();
            Long next = segments.higherKey(first.getKey());
            if (next - 1 > shippedSeq) {
                return;
            }
            long size = Files.size(first.getValue());
            Files.delete(first.getValue());
            segments.remove(first.getKey());
            closedBytes -= size;
            totalBytes = closedBytes + activeSize;
        }
    }

    /** A reader of the frames from {@code fromSeq} on, up to the newest written when it is asked. */
    public JournalCursor cursor(long fromSeq) {
        return new JournalCursor(this, fromSeq);
    }

    ConcurrentSkipListMap<Long, Path> segments() {
        return segments;
    }

    SegmentFiles files() {
        return files;
    }

    @Override
    public synchronized void close() throws IOException {
        for (SegmentFile segment : unforced) {
            segment.close();
        }
        unforced.clear();
        closeActive();
    }

    private void closeActive() throws IOException {
        if (active != null) {
            SegmentFile file = active;
            active = null;
            file.close();
        }
    }

    private static long firstSeqOf(Path path) {
        String name = path.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    }
}
