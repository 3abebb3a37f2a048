package io.clearance.audit.journal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a journal's frames in order from a sequence number on, across segments, while the journal is being
 * appended to. It returns only frames the writer has finished ({@link Journal#lastSeq()}), so it never sees a
 * frame that could still be torn. Used by one thread at a time.
 */
public final class JournalCursor implements Closeable {

    private final Journal journal;
    private final long fromSeq;
    private long segmentFirst = -1;
    private SegmentFile file;
    private long position;
    private JournalFrame peeked;

    JournalCursor(Journal journal, long fromSeq) {
        this.journal = journal;
        this.fromSeq = fromSeq;
    }

    /** The next frame without consuming it, or {@code null} when the reader has caught up with the writer. */
    public JournalFrame peek() throws IOException {
        if (peeked == null) {
            peeked = read();
        }
        return peeked;
    }

    /** The next frame, or {@code null} when the reader has caught up with the writer. */
    public JournalFrame next() throws IOException {
        JournalFrame frame = peek();
        peeked = null;
        return frame;
    }

    private JournalFrame read() throws IOException {
        long limit = journal.lastSeq();
        while (true) {
            if (file == null && !open()) {
                return null;
            }
            Frames.Read read = Frames.read(file, position, file.size());
            if (read != null) {
                if (read.frame().seq() > limit) {
                    return null;
                }
                position = read.next();
                if (read.frame().seq() < fromSeq) {
                    continue;
                }
                return read.frame();
            }
            // The end of this segment: move on only when a later one exists (the writer has rolled).
            Long later = journal.segments().higherKey(segmentFirst);
            if (later == null) {
                return null;
            }
            file.close();
            file = null;
            segmentFirst = later;
            position = 0;
        }
    }

    private boolean open() throws IOException {
        Map<Long, Path> segments = journal.segments();
        if (segmentFirst < 0) {
            Long first = journal.segments().floorKey(fromSeq);
            if (first == null) {
                first = journal.segments().isEmpty() ? null : journal.segments().firstKey();
            }
            if (first == null) {
                return false;
            }
            segmentFirst = first;
            position = 0;
        }
        Path path = segments.get(segmentFirst);
        if (path == null) {
            return false;
        }
        try {
            file = journal.files().open(path, false);
        } catch (NoSuchFileException e) {
            return false;
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
            file = null;
        }
    }
}
