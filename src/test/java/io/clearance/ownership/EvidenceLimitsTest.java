package io.clearance.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.ownership.evidence.EvidenceLimits;
import io.clearance.ownership.evidence.ExtensionFinding;
import io.clearance.ownership.evidence.FindingEvidence;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.ownership.index.RestrictedByExtension;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
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
        Map<String, Object> evidence = FindingEvidence.of("majority", evaluate("d"), new EvidenceLimits(2, 1_000, 32));

        assertEquals(true, evidence.get("truncated"));
        assertEquals(2L, evidence.get("ownersLeftOut"));
        Map<String, Object> c = only(evidence.get("restrictedOwners"));
        assertEquals("c", c.get("partyId"));
        assertFalse(c.containsKey("truncated"));
        Map<String, Object> b = only(c.get("restrictedOwners"));
        assertEquals("b", b.get("partyId"));
        assertEquals(true, b.get("truncated"));
        assertEquals(2L, b.get("ownersLeftOut"), "a and the seed above it");
        assertFalse(b.containsKey("restrictedOwners"));
    }

    @Test
    void aChainLongerThanTheLimitShowsBothEndsAndTheGap() {
        Map<String, Object> evidence = FindingEvidence.of("majority", evaluate("d"), new EvidenceLimits(16, 1_000, 2));

        Map<String, Object> path = only(evidence.get("paths"));
        List<?> parties = (List<?>) path.get("parties");
        assertEquals(
                List.of("cn", "c", "d"),
                parties.stream().map(p -> ((Map<?, ?>) p).get("partyId")).toList());
        assertEquals(true, path.get("truncated"));
        assertEquals(2, path.get("hopsLeftOut"));
        assertEquals(1, path.get("leftOutAfter"));
        assertEquals(
                "`cn` (Company cn, CN) -60%-> … 2 parties left out … -60%-> `c` (Company c, DE) -60%-> `d` (Company d, DE)",
                path.get("text"));
        assertEquals(2L, evidence.get("hopsLeftOut"));
        assertFalse(evidence.containsKey("ownersLeftOut"), "the proof itself is whole");
    }

    @Test
    void aProofWiderThanTheLimitKeepsTheLargestOwnersAndCountsTheRest() {
        Map<String, Object> evidence = FindingEvidence.of("majority", evaluate("w"), new EvidenceLimits(16, 2, 32));

        List<?> owners = (List<?>) evidence.get("restrictedOwners");
        assertEquals(
                List.of("s1", "s2"),
                owners.stream().map(o -> ((Map<?, ?>) o).get("partyId")).toList());
        assertEquals(true, evidence.get("truncated"));
        assertEquals(1L, evidence.get("ownersLeftOut"));
        assertEquals(
                0,
                Share.fromPercent("60")
                        - Share.fromPercent(evidence.get("restrictedShare").toString()),
                "the share is the whole finding's, not what is shown");
    }

    @Test
    void withinTheLimitsTheEvidenceHasNoMarkers() {
        Map<String, Object> evidence = FindingEvidence.of("majority", evaluate("d"), EvidenceLimits.DEFAULT);

        assertFalse(evidence.containsKey("truncated"));
        assertFalse(evidence.containsKey("ownersLeftOut"));
        assertFalse(evidence.containsKey("hopsLeftOut"));
        assertFalse(only(evidence.get("paths")).containsKey("truncated"));
    }

    @Test
    void limitsOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new EvidenceLimits(EvidenceLimits.DEEPEST + 1, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new EvidenceLimits(0, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new EvidenceLimits(4, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new EvidenceLimits(4, 10, 1));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> only(Object list) {
        List<?> items = (List<?>) list;
        assertEquals(1, items.size());
        return (Map<String, Object>) items.get(0);
    }
}
