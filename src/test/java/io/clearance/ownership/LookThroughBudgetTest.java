package io.clearance.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.ownership.evidence.LookThroughEvidence;
import io.clearance.ownership.evidence.LookThroughFinding;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.ownership.lookthrough.LookThrough;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Beyond the exact solver's budget (many ancestors, or one large cycle of holdings), look-through answers
 * a proven lower bound, marked inexact: it passes the threshold only when the bound does.
 */
class LookThroughBudgetTest {

    private static final RestrictionCriteria QUARTER = new RestrictionCriteria(
            Set.of("CN"),
            EnumSet.of(PartyKind.COMPANY, PartyKind.GOVERNMENT, PartyKind.UNIVERSITY),
            Share.fromPercent("25"),
            Comparison.AT_LEAST);

    private final OwnershipGraph graph = new OwnershipGraph();
    private final GraphFixture fixture = new GraphFixture(graph);

    @Test
    void manyAncestorsGiveALowerBoundThatStillSeesADirectSeed() {
        fixture.company("cn", "CN");
        fixture.company("target", "DE");
        graph.putStake("target", "cn", Share.fromPercent("30"));
        // A long chain of unrestricted holdings above the target's other owner.
        String below = "target";
        for (int i = 0; i <= LookThrough.MAX_EXACT_ANCESTORS; i++) {
            fixture.company("c" + i, "DE");
            graph.putStake(below, "c" + i, Share.fromPercent(below.equals("target") ? "70" : "100"));
            below = "c" + i;
        }

        LookThroughFinding finding = new LookThrough(graph, QUARTER).evaluate("target");

        assertFalse(finding.exact());
        assertEquals(Rational.ofShare(Share.fromPercent("30")), finding.restrictedShare());
        assertTrue(finding.exceeded(), "30% through the direct seed is proven, whatever the rest adds");
        assertEquals(false, LookThroughEvidence.of("indirect", finding).exact());
    }

    @Test
    void aLargeCycleGivesALowerBoundBelowTheThresholdAsNotExceeded() {
        fixture.company("cn", "CN");
        int ring = LookThrough.MAX_EXACT_COMPONENT + 10;
        for (int i = 0; i < ring; i++) {
            fixture.company("r" + i, "DE");
        }
        graph.putStake("r0", "cn", Share.fromPercent("10"));
        for (int i = 0; i < ring; i++) {
            graph.putStake("r" + ((i + 1) % ring), "r" + i, Share.fromPercent("90"));
        }

        LookThroughFinding finding = new LookThrough(graph, QUARTER).evaluate("r0");

        assertFalse(finding.exact());
        assertTrue(
                finding.restrictedShare().compareToShare(Share.fromPercent("10")) >= 0,
                "the direct 10% is in the bound");
        assertFalse(finding.exceeded(), "the exact value (10% / (1 - 0.9^ring)) is about 10%: below 25% either way");
    }
}
