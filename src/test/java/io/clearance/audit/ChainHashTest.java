package io.clearance.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainHashTest {

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

    @Test
    void aRecordIsChainedToItsPredecessorAndKeptToTheMicrosecond() {
        AuditRecord first = AuditRecord.chain(1, entry("a", "{}"), ChainHash.GENESIS);
        AuditRecord second = AuditRecord.chain(2, entry("b", "{}"), first.hash());
        assertEquals(ChainHash.GENESIS, first.prevHash());
        assertEquals(first.hash(), second.prevHash());
        assertEquals(Instant.parse("2026-11-28T06:58:57.325135Z"), first.decidedAt());
        assertEquals(64, first.hash().length());
        assertEquals(first.hash(), ChainHash.of(first), "recomputing gives the stored hash");
    }

    @Test
    void changingAnyFieldOrThePredecessorChangesTheHash() {
        AuditRecord original = AuditRecord.chain(7, entry("a", "{\"decision\":\"DENY\"}"), ChainHash.GENESIS);
        assertNotEquals(
                original.hash(),
                AuditRecord.chain(7, entry("a", "{\"decision\":\"PERMIT\"}"), ChainHash.GENESIS)
                        .hash());
        assertNotEquals(
                original.hash(),
                AuditRecord.chain(7, entry("b", "{\"decision\":\"DENY\"}"), ChainHash.GENESIS)
                        .hash());
        assertNotEquals(
                original.hash(),
                AuditRecord.chain(8, entry("a", "{\"decision\":\"DENY\"}"), ChainHash.GENESIS)
                        .hash());
        assertNotEquals(
                original.hash(),
                AuditRecord.chain(7, entry("a", "{\"decision\":\"DENY\"}"), "1".repeat(64))
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
                AuditRecord.chain(1, one, ChainHash.GENESIS).hash(),
                AuditRecord.chain(1, two, ChainHash.GENESIS).hash());
    }
}
