package io.clearance.audit.journal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One open segment file, reduced to what the journal does with it. A seam: tests open segments whose
 * writes fail as a full disk does, without needing a full disk.
 */
public interface SegmentFile extends Closeable {

    /** Writes the whole buffer at the end of the file, or throws. */
    void append(ByteBuffer bytes) throws IOException;

    /** Reads into {@code into} from {@code position} until it is full or the file ends; returns bytes read. */
    int read(ByteBuffer into, long position) throws IOException;

    long size() throws IOException;

    /** Cuts the file to {@code size} bytes; later appends go at the new end. */
    void truncate(long size) throws IOException;

    /** Forces what was written to the storage device ({@code fsync}). */
    void force() throws IOException;
}
