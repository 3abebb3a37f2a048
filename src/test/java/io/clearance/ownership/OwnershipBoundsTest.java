package io.clearance.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.domain.ControlBasis;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.ownership.evidence.ExtensionFinding;
import io.clearance.ownership.evidence.LookThroughFinding;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.ownership.index.RestrictedByExtension;
import io.clearance.ownership.lookthrough.LookThrough;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Ranges, unaccounted shares, control without a percentage and effective dates, on graphs small enough to
 * check by hand; {@code BoundsPropertyTest} checks the same against a brute force on random graphs.
 */
class OwnershipBoundsTest {

    private static final Set<PartyKind> ORGANISATIONS =
            EnumSet.of(PartyKind.COMPANY, PartyKind.GOVERNMENT, PartyKind.UNIVERSITY);
    private static final RestrictionCriteria MAJORITY =
            new RestrictionCriteria(Set.of("CN"), ORGANISATIONS, Share.fromPercent("50"), Comparison.GREATER_THAN);
    private static final RestrictionCriteria MAJORITY_COUNTING_UNACCOUNTED = new RestrictionCriteria(
            Set.of("CN"), ORGANISATIONS, Share.fromPercent("50"), Comparison.GREATER_THAN, 0, true);
    private static final RestrictionCriteria MAJORITY_OR_CONSOLIDATION = new RestrictionCriteria(
            Set.of("CN"),
            ORGANISATIONS,
            Share.fromPercent("50"),
            Comparison.GREATER_THAN,
            ControlBasis.CONSOLIDATION.bit(),
            false);

    private final GraphFixture.MovableClock clock =
            new GraphFixture.MovableClock(Instant.parse("2024-06-01T00:00:00Z"));
    private final OwnershipGraph graph = new OwnershipGraph(clock);
    private final GraphFixture fixture = new GraphFixture(graph);

    private ExtensionFinding extension(RestrictionCriteria criteria, String id, Bound bound) {
        return new RestrictedByExtension(graph, criteria)
                .prepare(Bound.LOWER)
                .prepare(bound)
                .evaluate(id, bound, null);
    }

    @Test
    void moreThanFiftyAsAnExclusiveRangeBoundCertainlyPassesAStrictFiftyThreshold() {
        fixture.company("cn", "CN");
        fixture.company("de", "DE");
        // BODS "exclusiveMinimum": 50, "maximum": 75: more than half, but how much more is not known.
        graph.putStake(
                "de",
                "cn",
                new StakeTerms(
                        GraphFixture.pct("50"),
                        true,
                        GraphFixture.pct("75"),
                        false,
                        0,
                        Long.MIN_VALUE,
                        Long.MAX_VALUE));

        ExtensionFinding lower = extension(MAJORITY, "de", Bound.LOWER);
        assertEquals(GraphFixture.pct("50"), lower.restrictedShare());
        assertTrue(lower.restrictedShareExclusive());
        assertTrue(lower.exceeded(), "strictly more than 50% is more than 50%");
        assertTrue(extension(MAJORITY, "de", Bound.UPPER).exceeded());
    }

    @Test
    void aBandAcrossTheThresholdLeavesThePartyPossiblyButNotCertainlyRestricted() {
        fixture.company("cn", "CN");
        fixture.company("de", "DE");
        graph.putStake("de", "cn", StakeTerms.between(GraphFixture.pct("25"), GraphFixture.pct("75")));

        ExtensionFinding lower = extension(MAJORITY, "de", Bound.LOWER);
        ExtensionFinding upper = extension(MAJORITY, "de", Bound.UPPER);
        assertFalse(lower.exceeded());
        assertEquals(GraphFixture.pct("25"), lower.restrictedShare());
        assertTrue(upper.exceeded());
        assertEquals(GraphFixture.pct("75"), upper.restrictedShare());
        assertTrue(upper.restrictedShareExclusive(), "less than 75%");
        assertEquals(1, upper.owners().size(), "the upper bound's proof names the owner that may restrict");
    }

    @Test
    void anUpperBoundNeverCountsMoreThanTheOtherOwnersMinimumsLeave() {
        fixture.company("cn", "CN");
        fixture.company("us", "US");
        fixture.company("de", "DE");
        // Overlapping bands: up to 70% each, but the US owner holds more than 40% for certain.
        graph.putStake("de", "cn", StakeTerms.between(GraphFixture.pct("10"), GraphFixture.pct("70")));
        graph.putStake("de", "us", StakeTerms.between(GraphFixture.pct("40"), GraphFixture.pct("70")));

        ExtensionFinding upper = extension(MAJORITY, "de", Bound.UPPER);
        assertEquals(GraphFixture.pct("60"), upper.restrictedShare());
        assertTrue(upper.restrictedShareExclusive(), "the US owner holds strictly more than 40%");
        assertTrue(upper.exceeded());
    }

    @Test
    void unaccountedSharesCountInTheUpperBoundOnlyWhenTheTestSaysSo() {
        fixture.company("cn", "CN");
        fixture.company("de", "DE");
        fixture.company("bare", "DE");
        graph.putStake("de", "cn", GraphFixture.pct("30"));

        assertFalse(extension(MAJORITY, "de", Bound.UPPER).exceeded(), "unknown holders clean by default");
        ExtensionFinding counting = extension(MAJORITY_COUNTING_UNACCOUNTED, "de", Bound.UPPER);
        assertTrue(counting.exceeded());
        assertEquals(Share.HUNDRED_PERCENT, counting.restrictedShare());
        assertEquals(GraphFixture.pct("70"), counting.unaccounted());
        assertFalse(extension(MAJORITY_COUNTING_UNACCOUNTED, "de", Bound.LOWER).exceeded());
        assertFalse(
                extension(MAJORITY_COUNTING_UNACCOUNTED, "bare", Bound.UPPER).exceeded(),
                "a party with no recorded stake at all is not 100% unaccounted");
    }

    @Test
    void consolidationByARestrictedPartyRestrictsWithoutAShareAndPassesTheWholeStakeOn() {
        fixture.company("cn", "CN");
        fixture.company("sg", "SG");
        fixture.company("de", "DE");
        graph.putStake("sg", "cn", StakeTerms.control(EnumSet.of(ControlBasis.CONSOLIDATION)));
        graph.putStake("de", "sg", GraphFixture.pct("60"));

        assertFalse(extension(MAJORITY, "sg", Bound.LOWER).exceeded(), "control counts only where the rules say so");
        ExtensionFinding sg = extension(MAJORITY_OR_CONSOLIDATION, "sg", Bound.LOWER);
        assertTrue(sg.exceeded());
        assertTrue(sg.controlled());
        ExtensionFinding de = extension(MAJORITY_OR_CONSOLIDATION, "de", Bound.LOWER);
        assertTrue(de.exceeded(), "a restricted intermediary passes its whole stake on");
        assertEquals(GraphFixture.pct("60"), de.restrictedShare());
        assertEquals("cn", de.owners().get(0).owners().get(0).party().id());
    }

    @Test
    void aDatedStakeCountsOnlyWhileInForceAndTheKeptIndexFollowsTheClock() {
        fixture.company("cn", "CN");
        fixture.company("de", "DE");
        graph.putStake(
                "de",
                "cn",
                StakeTerms.exact(GraphFixture.pct("60"))
                        .during(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z")));
        RestrictedByExtension walk = new RestrictedByExtension(graph, MAJORITY).prepare(Bound.LOWER);

        assertTrue(walk.evaluate("de", Bound.LOWER, Instant.parse("2024-12-31T23:59:59Z"))
                .exceeded());
        assertFalse(
                walk.evaluate("de", Bound.LOWER, Instant.parse("2025-01-01T00:00:00Z"))
                        .exceeded(),
                "end exclusive");
        assertFalse(walk.evaluate("de", Bound.LOWER, Instant.parse("2023-12-31T00:00:00Z"))
                .exceeded());
        assertTrue(walk.evaluate("de").exceeded(), "now is 2024-06-01");

        clock.set(Instant.parse("2025-03-01T00:00:00Z"));
        walk.prepare(Bound.LOWER); // what every decision does first: the index is past its validity
        assertFalse(walk.evaluate("de").exceeded(), "the stake ended while nobody changed the registry");
    }

    @Test
    void lookThroughBoundsTakeMinimumsAndMaximumsWithinOneHundredPercent() {
        fixture.company("cn", "CN");
        fixture.company("us", "US");
        fixture.company("mid", "DE");
        fixture.company("de", "DE");
        graph.putStake("mid", "cn", StakeTerms.between(GraphFixture.pct("20"), GraphFixture.pct("80")));
        graph.putStake("mid", "us", StakeTerms.between(GraphFixture.pct("20"), GraphFixture.pct("80")));
        graph.putStake("de", "mid", GraphFixture.pct("50"));
        LookThrough lookThrough = new LookThrough(graph, MAJORITY);

        assertEquals(
                Rational.of(1, 10),
                lookThrough.evaluate("de", Bound.LOWER, null).restrictedShare());
        // At most 80% of mid can be CN's (the US owner keeps more than 20%): 80% of 50%.
        assertEquals(
                Rational.of(2, 5), lookThrough.evaluate("de", Bound.UPPER, null).restrictedShare());
    }

    @Test
    void lookThroughCountingUnaccountedGivesTheRemainderToARestrictedHolder() {
        fixture.company("cn", "CN");
        fixture.company("mid", "DE");
        fixture.company("de", "DE");
        graph.putStake("mid", "cn", GraphFixture.pct("30"));
        graph.putStake("de", "mid", GraphFixture.pct("50"));
        LookThrough counting = new LookThrough(graph, MAJORITY_COUNTING_UNACCOUNTED);

        assertEquals(
                Rational.of(3, 20), counting.evaluate("de", Bound.LOWER, null).restrictedShare());
        // mid: 30% + 70% unaccounted = 100%; de: 50% of that, plus its own 50% unaccounted.
        assertEquals(Rational.ONE, counting.evaluate("de", Bound.UPPER, null).restrictedShare());
    }

    @Test
    void lookThroughUpperBoundInACycleWithOverfullRangesIsImprovedUntilStable() {
        fixture.company("cn", "CN");
        fixture.company("us", "US");
        fixture.company("a", "DE");
        fixture.company("b", "DE");
        // a: CN 10..60, b 10..60, US 30 exact; b: a 50..90. Max into a is 150%: CN (value 1) fills first,
        // up to 60%, leaving b 10%; then a = 0.6 + 0.1 b and b = 0.9 a: a = 0.6 / 0.91.
        graph.putStake(
                "a",
                "cn",
                new StakeTerms(
                        GraphFixture.pct("10"),
                        false,
                        GraphFixture.pct("60"),
                        false,
                        0,
                        Long.MIN_VALUE,
                        Long.MAX_VALUE));
        graph.putStake(
                "a",
                "b",
                new StakeTerms(
                        GraphFixture.pct("10"),
                        false,
                        GraphFixture.pct("60"),
                        false,
                        0,
                        Long.MIN_VALUE,
                        Long.MAX_VALUE));
        graph.putStake("a", "us", GraphFixture.pct("30"));
        graph.putStake(
                "b",
                "a",
                new StakeTerms(
                        GraphFixture.pct("50"),
                        false,
                        GraphFixture.pct("90"),
                        false,
                        0,
                        Long.MIN_VALUE,
                        Long.MAX_VALUE));

        LookThroughFinding upper = new LookThrough(graph, MAJORITY).evaluate("a", Bound.UPPER, null);
        assertEquals(Rational.of(60, 91), upper.restrictedShare());
    }
}
