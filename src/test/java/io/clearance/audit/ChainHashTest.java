package io.clearance.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.clearance.decision.KeptHash;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainHashTest {

    static final ChainKeys KEYS = TestKeys.keys();

    private static AuditEntry entry(String subject, String answer) {
        return new AuditEntry(
                "d-1",
                Instant.parse("2026-11-28T06:58:57.325135365Z"),
                subject,
                "api.access",
                null,
                "{\"subject\":{\"partyId\":\"" + subject + "\"}}",
                "DENY",
                null,
                200,
                "v1",
                24L,
                120,
                answer,
                List.of("r"));
    }

    /** The entry of a memo hit: its memo entry keeps the hash of its stored text. */
    private static AuditEntry hit(String decisionId, String answer, KeptHash kept) {
        AuditEntry e = entry("a", answer);
        return new AuditEntry(
                decisionId,
                e.decidedAt(),
                e.subjectId(),
                e.action(),
                e.onBehalfOfId(),
                e.requestJson(),
                e.outcome(),
                e.errorCode(),
                e.httpStatus(),
                e.policyVersion(),
                e.registryVersion(),
                e.latencyMicros(),
                answer.replace("d-1", decisionId),
                e.rules(),
                e.caller(),
                kept);
    }

    @Test
    void aMemoHitsKeptHashIsTheHashOfItsStoredText() {
        String answer = "{\"decisionId\":\"d-1\",\"decision\":\"DENY\"}";
        String alone = chain(1, entry("a", answer), ChainHash.GENESIS).evidenceHash();
        KeptHash kept = new KeptHash();
        assertEquals(
                alone, chain(1, hit("d-1", answer, kept), ChainHash.GENESIS).evidenceHash());
        assertEquals(
                alone, chain(2, hit("d-2", answer, kept), ChainHash.GENESIS).evidenceHash(), "another id");
        String other = "{\"decisionId\":\"d-1\",\"decision\":\"PERMIT\"}";
        assertEquals(
                chain(3, entry("a", other), ChainHash.GENESIS).evidenceHash(),
                chain(3, hit("d-3", other, kept), ChainHash.GENESIS).evidenceHash(),
                "another text: never the kept hash");
    }

    private static AuditRecord chain(long seq, AuditEntry e, String previous) {
        return AuditRecord.chain("decisions", seq, e, previous, KEYS);
    }

    @Test
    void aRecordIsChainedToItsPredecessorKeyedAndKeptToTheMicrosecond() {
        AuditRecord first = chain(1, entry("a", "{}"), ChainHash.GENESIS);
        AuditRecord second = chain(2, entry("b", "{}"), first.hash());
        assertEquals(ChainHash.GENESIS, first.prevHash());
        assertEquals(first.hash(), second.prevHash());
        assertEquals(Instant.parse("2026-11-28T06:58:57.325135Z"), first.decidedAt());
        assertEquals(64, first.hash().length());
        assertEquals(first.hash(), RecordHash.of(first), "recomputing gives the stored hash");
        assertEquals(KEYS.mac(RecordHash.macInput("decisions", 1, first.hash())), first.mac());
        assertNotEquals(
                first.mac(), TestKeys.other().mac(RecordHash.macInput("decisions", 1, first.hash())), "another key");
    }

    @Test
    void changingAnyFieldOrThePredecessorOrTheChainChangesTheHash() {
        AuditRecord original = chain(7, entry("a", "{\"decision\":\"DENY\"}"), ChainHash.GENESIS);
        assertNotEquals(
                original.hash(),
                chain(7, entry("a", "{\"decision\":\"PERMIT\"}"), ChainHash.GENESIS)
                        .hash());
        assertNotEquals(
                original.hash(),
                chain(7, entry("b", "{\"decision\":\"DENY\"}"), ChainHash.GENESIS)
                        .hash());
        assertNotEquals(
                original.hash(),
                chain(8, entry("a", "{\"decision\":\"DENY\"}"), ChainHash.GENESIS)
                        .hash());
        assertNotEquals(
                original.hash(),
                chain(7, entry("a", "{\"decision\":\"DENY\"}"), "1".repeat(64)).hash());
        assertNotEquals(
                original.hash(),
                AuditRecord.chain("changes", 7, entry("a", "{\"decision\":\"DENY\"}"), ChainHash.GENESIS, KEYS)
                        .hash());
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        // "ab" + "c" and "a" + "bc" must not encode alike
        AuditEntry one = new AuditEntry(
                "d", Instant.EPOCH, "ab", "c", null, "{}", "DENY", null, 200, null, null, 0, "{}", List.of());
        AuditEntry two = new AuditEntry(
                "d", Instant.EPOCH, "a", "bc", null, "{}", "DENY", null, 200, null, null, 0, "{}", List.of());
        assertNotEquals(
                chain(1, one, ChainHash.GENESIS).hash(),
                chain(1, two, ChainHash.GENESIS).hash());
    }

    @Test
    void answersThatDifferOnlyInIdAndTimeShareTheirEvidence() {
        Instant t1 = Instant.parse("2026-11-28T06:58:57.325135Z");
        Instant t2 = Instant.parse("2026-11-28T06:59:00Z");
        String a1 = "{\"decisionId\":\"id-1\",\"decision\":\"DENY\",\"decidedAt\":\"" + t1 + "\",\"reasons\":[]}";
        String a2 = "{\"decisionId\":\"id-2\",\"decision\":\"DENY\",\"decidedAt\":\"" + t2 + "\",\"reasons\":[]}";
        String e1 = Evidence.template(a1, "id-1", t1.toString());
        assertEquals(e1, Evidence.template(a2, "id-2", t2.toString()));
        assertEquals(a1, Evidence.answer(e1, "id-1", t1.toString()), "the answer comes back byte for byte");
        assertEquals(a2, Evidence.answer(e1, "id-2", t2.toString()));
        String nanos = "{\"decisionId\":\"id-3\",\"decidedAt\":\"2026-11-28T06:58:57.325135365Z\"}";
        String shared = Evidence.template(nanos, "id-3", "2026-11-28T06:58:57.325135365Z");
        assertEquals("{\"decisionId\":\"\\u0000\",\"decidedAt\":\"\\u0000\"}", shared);
        assertEquals(nanos, Evidence.answer(shared, "id-3", "2026-11-28T06:58:57.325135365Z"));
    }
}
