package io.clearance.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.clearance.audit.journal.JournalFrame;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The journal's record payload: written by the streaming codec as the record serialiser wrote it, read back whole. */
class RecordJsonTest {

    private static final String ANSWER = "{\"decisionId\":\"d-1\",\"decision\":\"DENY\",\"reasons\":[{\"message\":"
            + "\"`cn-1` (Ünïcødé \\\"quoted\\\" \\u0000 holder) {owns} 60%\",\"evidence\":{\"a\":[1,2.5,{}],\"b\":null}}]}";
    private static final String REQUEST = "{\"subject\":{\"partyId\":\"org-1\"},\"action\":\"api.access\"}";

    @Test
    void aRecordComesBackAsItWasWritten() throws Exception {
        AuditRecord record = record(REQUEST, ANSWER, 7L);

        AuditRecord read = RecordJson.read(RecordJson.write(record));

        assertEquals(record, read);
        assertEquals(ANSWER, read.answerJson());
    }

    @Test
    void nullsComeBackAsNulls() throws Exception {
        AuditRecord record = record(null, null, null);

        assertEquals(record, RecordJson.read(RecordJson.write(record)));
    }

    @Test
    void thePayloadIsByteForByteWhatTheRecordSerialiserWroteBefore() throws Exception {
        ObjectMapper before = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        for (AuditRecord record : List.of(record(REQUEST, ANSWER, 7L), record(null, null, null))) {
            byte[] written = before.writeValueAsBytes(record);

            assertEquals(
                    new String(written, StandardCharsets.UTF_8),
                    new String(RecordJson.write(record), StandardCharsets.UTF_8));
            assertEquals(record, JournalCodec.record(new JournalFrame(record.seq(), JournalCodec.RECORD, written)));
        }
    }

    @Test
    void aPayloadWithAFieldNoRecordHasIsRefused() {
        byte[] odd = "{\"chainId\":\"c\",\"extra\":1}".getBytes(StandardCharsets.UTF_8);

        assertThrows(
                UncheckedIOException.class, () -> JournalCodec.record(new JournalFrame(1, JournalCodec.RECORD, odd)));
    }

    @Test
    void aNestedValueWhereAStringBelongsIsRefusedNotWalkedInto() {
        byte[] odd = "{\"chainId\":\"c\",\"answerJson\":{\"decisionId\":\"forged\"}}".getBytes(StandardCharsets.UTF_8);

        assertThrows(
                UncheckedIOException.class, () -> JournalCodec.record(new JournalFrame(1, JournalCodec.RECORD, odd)));
    }

    private static AuditRecord record(String request, String answer, Long registryVersion) {
        return new AuditRecord(
                "vm-1",
                42,
                "d-1",
                Instant.parse("2026-12-03T10:45:10.953332Z"),
                "2026-12-03T10:45:10.953332926Z",
                "key:env",
                "org-1",
                "api.access",
                null,
                request,
                "DENY",
                null,
                200,
                "3e72c91a66df28e8",
                registryVersion,
                44,
                answer,
                "e".repeat(64),
                "p".repeat(64),
                "h".repeat(64),
                "mac==");
    }
}
