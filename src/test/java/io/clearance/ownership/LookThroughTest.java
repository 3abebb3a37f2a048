package io.clearance.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.ownership.evidence.Counterfactual;
import io.clearance.ownership.evidence.LookThroughFinding;
import io.clearance.ownership.evidence.LookThroughPath;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.ownership.lookthrough.LookThrough;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link LookThrough} on graphs small enough to check by hand: products, sums, cycles, seeds, evidence. */
class LookThroughTest {

    private static final RestrictionCriteria QUARTER = new RestrictionCriteria(
            Set.of("CN", "RU"),
            EnumSet.of(PartyKind.COMPANY, PartyKind.GOVERNMENT, PartyKind.UNIVERSITY),
            Share.fromPercent("25"),
            Comparison.AT_LEAST);

    private final OwnershipGraph graph = new OwnershipGraph();
    private final GraphFixture fixture = new GraphFixture(graph);

    private LookThroughFinding evaluate(String id) {
        return new LookThrough(graph, QUARTER).evaluate(id);
    }

    @Test
    void fiftyPercentOfFiftyPercentIsExactlyAQuarterAndMeetsAnInclusiveThreshold() {
        fixture.company("cn", "CN");
        fixture.company("mid", "DE");
        fixture.company("low", "DE");
        fixture.holds("cn", "50", "mid");
        fixture.holds("mid", "50", "low");

        LookThroughFinding finding = evaluate("low");
        assertEquals(Rational.of(1, 4), finding.restrictedShare());
        assertTrue(finding.exceeded());
        assertEquals(1, finding.paths().size());
        assertEquals(
                List.of("cn", "mid", "low"),
                finding.paths().get(0).parties().stream().map(PartyInfo::id).toList());
        assertEquals(Rational.ZERO, finding.unlisted());
        assertFalse(finding.pathsTruncated());
    }

    @Test
    void aLeakingCycleIsSolvedExactlyAndItsEndlessChainsAreListedLargestFirst() {
        fixture.company("cn", "CN");
        fixture.company("p", "CH");
        fixture.company("q", "CH");
        fixture.holds("cn", "40", "p");
        fixture.holds("p", "50", "q");
        fixture.holds("q", "50", "p");

        LookThroughFinding q = evaluate("q");
        assertEquals(Rational.of(4, 15), q.restrictedShare());
        assertEquals(Rational.of(8, 15), evaluate("p").restrictedShare());
        // Chains of 2, 4, ... stakes (once more round the cycle each); those up to the listing bound are listed.
        assertEquals(LookThrough.MAX_PATH_STAKES / 2, q.paths().size());
        for (int i = 1; i < q.paths().size(); i++) {
            assertTrue(q.paths()
                            .get(i - 1)
                            .contribution()
                            .compareTo(q.paths().get(i).contribution())
                    >= 0);
        }
        assertTrue(q.pathsTruncated());
        assertTrue(q.unlisted().signum() > 0);
        Rational listed = q.paths().stream().map(LookThroughPath::contribution).reduce(Rational.ZERO, Rational::add);
        assertEquals(q.restrictedShare(), listed.add(q.unlisted()));
        assertEquals("80/3", q.restrictedShare().toExactPercent());
        assertEquals("26.666667", q.restrictedShare().toPercent().toPlainString());
    }

    @Test
    void aNearlyClosedCycleIsSolvedExactlyAndOnlyItsShorterChainsAreListed() {
        // The best chains go round 99% x 99% again and again; listing them one by one would never end.
        fixture.company("cn", "CN");
        fixture.company("p", "CH");
        fixture.company("q", "CH");
        fixture.holds("cn", "1", "p");
        fixture.holds("q", "99", "p");
        fixture.holds("p", "99", "q");

        LookThroughFinding p = evaluate("p");
        // L(p) = 0.01 + 0.99 x 0.99 x L(p), so L(p) = 0.01 / (1 - 0.9801) = 100/199.
        assertEquals(Rational.of(100, 199), p.restrictedShare());
        assertTrue(p.paths().stream().allMatch(path -> path.stakes().size() <= LookThrough.MAX_PATH_STAKES));
        Rational listed = p.paths().stream().map(LookThroughPath::contribution).reduce(Rational.ZERO, Rational::add);
        assertEquals(p.restrictedShare(), listed.add(p.unlisted()));
        assertTrue(p.pathsTruncated());
    }

    @Test
    void aClosedRingNoSeedEntersIsHeldNothing() {
        fixture.company("a", "GB");
        fixture.company("b", "GB");
        fixture.holds("a", "100", "b");
        fixture.holds("b", "100", "a");

        assertEquals(Rational.ZERO, evaluate("a").restrictedShare());
        assertFalse(evaluate("a").exceeded());
        assertTrue(evaluate("a").paths().isEmpty());
        assertNull(evaluate("a").counterfactual(), "only a finding that meets its threshold has a counterfactual");
    }

    @Test
    void aSeedIsHeldWhollyByItselfWhoeverHoldsIt() {
        fixture.company("cn", "CN");
        fixture.company("us", "US");
        fixture.holds("us", "100", "cn");

        LookThroughFinding finding = evaluate("cn");
        assertEquals(Rational.ONE, finding.restrictedShare());
        assertTrue(finding.paths().isEmpty());
    }

    @Test
    void theCounterfactualNamesTheDirectStakesWhoseRemovalAloneDropsBelowTheThreshold() {
        fixture.company("cn", "CN");
        fixture.company("ru", "RU");
        fixture.company("mid", "DE");
        fixture.company("t", "DE");
        fixture.holds("cn", "20", "t");
        fixture.holds("ru", "50", "mid");
        fixture.holds("mid", "20", "t"); // adds 10%
        fixture.holds("ru", "3", "t");

        LookThroughFinding finding = evaluate("t");
        assertEquals(Rational.of(33, 100), finding.restrictedShare());
        Counterfactual counterfactual = finding.counterfactual();
        // Without cn's 20% the share is 13%; without mid's 20% it is 23%; without ru's 3% it is 30%.
        assertEquals(
                List.of("cn", "mid"),
                counterfactual.removals().stream().map(r -> r.owner().id()).toList());
        assertEquals(Rational.of(13, 100), counterfactual.removals().get(0).shareAfter());
        assertEquals(Rational.of(8, 100), counterfactual.excess());
        assertTrue(
                counterfactual
                        .text("indirect")
                        .endsWith("if restricted parties held less than 25%: currently 33%, 8 points above"),
                counterfactual.text("indirect"));
    }
}
