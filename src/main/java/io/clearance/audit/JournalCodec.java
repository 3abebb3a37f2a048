package io.clearance.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.clearance.audit.journal.JournalFrame;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The payload of a journal frame: a record or a checkpoint as JSON, with a mapper (and, for records, a streaming
 * codec, {@link RecordJson}) of its own so that the application's JSON settings never change what is on disk.
 */
final class JournalCodec {

    static final byte RECORD = 1;
    static final byte CHECKPOINT = 2;

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private JournalCodec() {}

    static JournalFrame frame(AuditRecord record) {
        try {
            return new JournalFrame(record.seq(), RECORD, RecordJson.write(record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JournalFrame frame(Checkpoint checkpoint) {
        return new JournalFrame(checkpoint.seq(), CHECKPOINT, bytes(checkpoint));
    }

    static AuditRecord record(JournalFrame frame) {
        try {
            return RecordJson.read(frame.payload());
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException(
                    "journal frame " + frame.seq() + " is not a record",
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    static Checkpoint checkpoint(JournalFrame frame) {
        return read(frame, Checkpoint.class);
    }

    private static byte[] bytes(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(JournalFrame frame, Class<T> type) {
        try {
            return JSON.readValue(frame.payload(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("journal frame " + frame.seq() + " is not a " + type.getSimpleName(), e);
        }
    }
}
