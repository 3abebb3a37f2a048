package io.clearance.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.ownership.evidence.EvidenceLimits;
import io.clearance.ownership.evidence.ExtensionEvidence;
import io.clearance.ownership.evidence.ExtensionFinding;
import io.clearance.ownership.evidence.FindingEvidence;
import io.clearance.ownership.evidence.OwnerEvidence;
import io.clearance.ownership.evidence.PathEvidence;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.ownership.index.RestrictedByExtension;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Where {@link EvidenceLimits} cut a proof, the evidence says so and counts what it left out; within them it
 * has exactly the shape it always had (no marker keys), so ordinary answers do not change.
 */
class EvidenceLimitsTest {

    private static final RestrictionCriteria MAJORITY = new RestrictionCriteria(
            Set.of("CN"),
            EnumSet.of(PartyKind.COMPANY, PartyKind.GOVERNMENT, PartyKind.UNIVERSITY),
            Share.fromPercent("50"),
            Comparison.GREATER_THAN);

    /** cn -60%-> a -60%-> b -60%-> c -60%-> d, and three CN seeds holding 25%, 20% and 15% of w. */
    private static ExtensionFinding evaluate(String party) {
        GraphFixture g = new GraphFixture(new OwnershipGraph())
                .company("cn", "CN")
                .company("a", "DE")
                .company("b", "DE")
                .company("c", "DE")
                .company("d", "DE")
                .holds("cn", "60", "a")
                .holds("a", "60", "b")
                .holds("b", "60", "c")
                .holds("c", "60", "d")
                .company("s1", "CN")
                .company("s2", "CN")
                .company("s3", "CN")
                .company("w", "DE")
                .holds("s1", "25", "w")
                .holds("s2", "20", "w")
                .holds("s3", "15", "w");
        return new RestrictedByExtension(g.graph(), MAJORITY)
                .prepare(Bound.LOWER)
                .evaluate(party);
    }

    @Test
    void aProofDeeperThanTheLimitIsCutAtTheOwnerThatLostItsOwners() {
        ExtensionEvidence evidence = FindingEvidence.of("majority", evaluate("d"), new EvidenceLimits(2, 1_000, 32));

        assertEquals(true, evidence.truncated());
        assertEquals(2L, evidence.ownersLeftOut());
        OwnerEvidence c = only(evidence.restrictedOwners());
        assertEquals("c", c.partyId());
        assertNull(c.truncated());
        OwnerEvidence b = only(c.restrictedOwners());
        assertEquals("b", b.partyId());
        assertEquals(true, b.truncated());
        assertEquals(2L, b.ownersLeftOut(), "a and the seed above it");
        assertNull(b.restrictedOwners());
    }

    @Test
    void aChainLongerThanTheLimitShowsBothEndsAndTheGap() {
        ExtensionEvidence evidence = FindingEvidence.of("majority", evaluate("d"), new EvidenceLimits(16, 1_000, 2));

        PathEvidence path = only(evidence.paths());
        assertEquals(
                List.of("cn", "c", "d"),
                path.parties().stream().map(PathEvidence.Hop::partyId).toList());
        assertEquals(true, path.truncated());
        assertEquals(2, path.hopsLeftOut());
        assertEquals(1, path.leftOutAfter());
        assertEquals(
                "`cn` (Company cn, CN) -60%-> … 2 parties left out … -60%-> `c` (Company c, DE) -60%-> `d` (Company d, DE)",
                path.text());
        assertEquals(2L, evidence.hopsLeftOut());
        assertNull(evidence.ownersLeftOut(), "the proof itself is whole");
    }

    @Test
    void aProofWiderThanTheLimitKeepsTheLargestOwnersAndCountsTheRest() {
        ExtensionEvidence evidence = FindingEvidence.of("majority", evaluate("w"), new EvidenceLimits(16, 2, 32));

        assertEquals(
                List.of("s1", "s2"),
                evidence.restrictedOwners().stream().map(OwnerEvidence::partyId).toList());
        assertEquals(true, evidence.truncated());
        assertEquals(1L, evidence.ownersLeftOut());
        assertEquals(
                0,
                Share.fromPercent("60")
                        - Share.fromPercent(evidence.restrictedShare().toString()),
                "the share is the whole finding's, not what is shown");
    }

    @Test
    void withinTheLimitsTheEvidenceHasNoMarkers() throws Exception {
        ExtensionEvidence evidence = FindingEvidence.of("majority", evaluate("d"), EvidenceLimits.DEFAULT);

        assertNull(evidence.truncated());
        assertNull(evidence.ownersLeftOut());
        assertNull(evidence.hopsLeftOut());
        assertNull(only(evidence.paths()).truncated());
        // and so the JSON has none of their keys: absent, not null
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(evidence));
        for (String marker : new String[] {"truncated", "ownersLeftOut", "hopsLeftOut"}) {
            assertFalse(json.has(marker), marker);
            assertFalse(json.path("paths").get(0).has(marker), marker);
        }
    }

    @Test
    void limitsOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new EvidenceLimits(EvidenceLimits.DEEPEST + 1, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new EvidenceLimits(0, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new EvidenceLimits(4, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new EvidenceLimits(4, 10, 1));
    }

    private static <T> T only(List<T> items) {
        assertEquals(1, items.size());
        return items.get(0);
    }
}
