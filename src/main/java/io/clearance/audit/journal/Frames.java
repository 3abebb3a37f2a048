package io.clearance.audit.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The byte framing of a segment: {@code u32 bodyLength, u32 crc32c(body), body}, where {@code body} is
 * {@code u64 seq, u8 type, payload}; integers big-endian. A frame whose length runs past the end of the file
 * or whose checksum differs is torn: written only in part when the process or the disk failed.
 */
final class Frames {

    static final int HEADER = 8;
    static final int BODY_PREFIX = 9;
    /** Larger bodies are refused on write and read as torn: a decision's record is far smaller. */
    static final int MAX_BODY = 64 * 1024 * 1024;

    private Frames() {}

    static ByteBuffer encode(JournalFrame frame) {
        int bodyLength = BODY_PREFIX + frame.payload().length;
        if (bodyLength > MAX_BODY) {
            throw new IllegalArgumentException("a journal frame holds at most " + MAX_BODY + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + bodyLength);
        buffer.putInt(bodyLength)
                .putInt(0)
                .putLong(frame.seq())
                .put(frame.type())
                .put(frame.payload());
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), HEADER, bodyLength);
        buffer.putInt(4, (int) crc.getValue());
        return buffer.flip();
    }

    /** A frame read at a position, and where the next one starts. */
    record Read(JournalFrame frame, long next) {}

    /**
     * The frame at {@code position}, or {@code null} when the file ends there or holds a torn frame from
     * there on ({@link #tornReason} says which).
     */
    static Read read(SegmentFile file, long position, long size) throws IOException {
        Object found = inspect(file, position, size);
        return found instanceof Read read ? read : null;
    }

    /** Why the bytes at {@code position} are not a whole frame, or {@code null} when they are. */
    static String tornReason(SegmentFile file, long position, long size) throws IOException {
        Object found = inspect(file, position, size);
        return found instanceof String reason ? reason : null;
    }

    // Either a Read or the reason there is none: one pass over the bytes for both callers.
    private static Object inspect(SegmentFile file, long position, long size) throws IOException {
        if (position >= size) {
            return "end of file";
        }
        if (size - position < HEADER) {
            return "a partial frame header";
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        file.read(header, position);
        int length = header.getInt(0);
        if (length < BODY_PREFIX || length > MAX_BODY) {
            return "an impossible frame length " + length;
        }
        if (size - position - HEADER < length) {
            return "a partial frame body";
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        file.read(body, position + HEADER);
        CRC32C crc = new CRC32C();
        crc.update(body.array(), 0, length);
        if ((int) crc.getValue() != header.getInt(4)) {
            return "a checksum mismatch";
        }
        body.flip();
        long seq = body.getLong();
        byte type = body.get();
        byte[] payload = new byte[length - BODY_PREFIX];
        body.get(payload);
        return new Read(new JournalFrame(seq, type, payload), position + HEADER + length);
    }
}
