package io.clearance.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.ownership.evidence.ExtensionEvidence;
import io.clearance.ownership.evidence.ExtensionFinding;
import io.clearance.ownership.evidence.FindingEvidence;
import io.clearance.ownership.evidence.OwnerEvidence;
import io.clearance.ownership.evidence.OwnershipPath;
import io.clearance.ownership.evidence.RestrictedOwner;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.ownership.index.RestrictedByExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Restriction by extension on hand-built graphs whose answer can be checked on paper: chains, aggregation,
 * the 50% boundary, cycles, individuals, deep chains, registry changes and the limits of the evidence.
 * {@link RandomGraphOracleTest} covers the same semantics on graphs too large to check by hand.
 */
class RestrictedByExtensionTest {

    private static final Set<String> BANNED = Set.of("CN", "RU", "IR", "KP");
    private static final Set<PartyKind> ORGANISATIONS =
            EnumSet.of(PartyKind.COMPANY, PartyKind.GOVERNMENT, PartyKind.UNIVERSITY);

    private final OwnershipGraph graph = new OwnershipGraph();
    private final GraphFixture fixture = new GraphFixture(graph);

    // ---- chains and evidence ----

    @Test
    void majorityChainRestrictsEveryLinkAndProvesItFromTheSeed() {
        fixture.company("cn", "CN");
        fixture.company("sg", "SG");
        fixture.company("de", "DE");
        fixture.holds("cn", "60", "sg");
        fixture.holds("sg", "60", "de");

        ExtensionFinding finding = evaluate("de");

        assertTrue(finding.exceeded());
        assertEquals(GraphFixture.pct("60"), finding.restrictedShare());
        assertEquals("de", finding.party().id());

        // The proof tree: sg is restricted by extension because cn, a seed, holds 60% of it.
        assertEquals(1, finding.owners().size());
        RestrictedOwner sg = finding.owners().get(0);
        assertEquals("sg", sg.party().id());
        assertEquals(GraphFixture.pct("60"), sg.stake());
        assertFalse(sg.seed());
        assertFalse(sg.shownAbove());
        assertEquals(GraphFixture.pct("60"), sg.restrictedShare());
        assertEquals(1, sg.owners().size());
        RestrictedOwner cn = sg.owners().get(0);
        assertEquals("cn", cn.party().id());
        assertTrue(cn.seed());
        assertEquals(GraphFixture.pct("60"), cn.stake());
        assertEquals(List.of(), cn.owners());

        // The path reads seed first, with the stake each party holds in the next.
        assertEquals(1, finding.paths().size());
        OwnershipPath path = finding.paths().get(0);
        assertEquals(List.of("cn", "sg", "de"), ids(path));
        assertEquals(List.of(GraphFixture.pct("60"), GraphFixture.pct("60")), path.stakes());
        assertEquals(GraphFixture.pct("60"), path.contribution());
        assertFalse(finding.pathsTruncated());
        assertEquals(
                "`cn` (Company cn, CN) -60%-> `sg` (Company sg, SG) -60%-> `de` (Company de, DE)",
                FindingEvidence.pathText(path));

        assertTrue(evaluate("sg").exceeded());
    }

    @Test
    void evidenceRendersTheProofTreeForAnAuditor() {
        fixture.company("cn", "CN");
        fixture.company("sg", "SG");
        fixture.company("de", "DE");
        fixture.holds("cn", "60", "sg");
        fixture.holds("sg", "60", "de");

        ExtensionEvidence evidence = FindingEvidence.of("majority", evaluate("de"));

        assertTrue(evidence.exceeded());
        assertEquals("60", evidence.restrictedShare().toString());
        assertEquals(">", evidence.comparison());
        OwnerEvidence sg = evidence.restrictedOwners().get(0);
        assertEquals("sg", sg.partyId());
        assertEquals("extension", sg.restrictedAs());
        OwnerEvidence cn = sg.restrictedOwners().get(0);
        assertEquals("cn", cn.partyId());
        assertEquals("seed", cn.restrictedAs());
        assertFalse(evidence.pathsTruncated());
    }

    @Test
    void seedReportsOnlyWhatItsOwnersHold() {
        fixture.company("cn", "CN");
        fixture.company("cn-parent", "CN");
        assertFalse(evaluate("cn").exceeded(), "exceeded speaks of the aggregate, and cn has no owners yet");
        assertEquals(0, evaluate("cn").restrictedShare());

        fixture.holds("cn-parent", "60", "cn");
        ExtensionFinding finding = evaluate("cn");
        assertTrue(finding.exceeded());
        assertEquals(GraphFixture.pct("60"), finding.restrictedShare());
    }

    @Test
    void unrestrictedIntermediaryPassesNothing() {
        fixture.company("cn", "CN");
        fixture.company("sg", "SG");
        fixture.company("de", "DE");
        fixture.holds("cn", "40", "sg");
        fixture.holds("sg", "100", "de");

        ExtensionFinding sg = evaluate("sg");
        assertFalse(sg.exceeded());
        assertEquals(GraphFixture.pct("40"), sg.restrictedShare());

        ExtensionFinding de = evaluate("de");
        assertFalse(de.exceeded());
        assertEquals(0, de.restrictedShare());
        assertEquals(List.of(), de.owners());
        assertEquals(List.of(), de.paths());
    }

    @Test
    void aggregatesStakesAcrossOwnersAndJurisdictions() {
        fixture.company("cn", "CN");
        fixture.company("ru", "RU");
        fixture.company("us", "US");
        fixture.company("de", "DE");
        fixture.holds("us", "49", "de");
        fixture.holds("cn", "30", "de");
        fixture.holds("ru", "21", "de");

        ExtensionFinding finding = evaluate("de");

        assertTrue(finding.exceeded());
        assertEquals(GraphFixture.pct("51"), finding.restrictedShare());
        assertEquals(
                List.of("cn", "ru"),
                finding.owners().stream().map(o -> o.party().id()).toList());
        assertEquals(
                List.of(GraphFixture.pct("30"), GraphFixture.pct("21")),
                finding.paths().stream().map(OwnershipPath::contribution).toList());
    }

    @Test
    void aggregatesSeedsWithOwnersRestrictedByExtension() {
        fixture.company("cn", "CN");
        fixture.company("ir", "IR");
        fixture.company("ch", "CH");
        fixture.company("de", "DE");
        fixture.holds("ir", "51", "ch");
        fixture.holds("cn", "30", "de");
        fixture.holds("ch", "21", "de");

        ExtensionFinding finding = evaluate("de");

        assertTrue(finding.exceeded());
        assertEquals(GraphFixture.pct("51"), finding.restrictedShare());
        assertEquals(2, finding.paths().size());
        assertEquals(List.of("cn", "de"), ids(finding.paths().get(0)));
        assertEquals(List.of("ir", "ch", "de"), ids(finding.paths().get(1)));
        assertEquals(
                List.of(GraphFixture.pct("51"), GraphFixture.pct("21")),
                finding.paths().get(1).stakes());
    }

    // ---- the threshold boundary ----

    @Test
    void exactlyFiftyIsNotMoreThanFiftyButIsAtLeastFifty() {
        fixture.company("cn", "CN");
        fixture.company("de", "DE");
        fixture.holds("cn", "50", "de");

        ExtensionFinding strict = evaluate("de", Comparison.GREATER_THAN);
        assertFalse(strict.exceeded());
        assertEquals(GraphFixture.pct("50"), strict.restrictedShare());

        ExtensionFinding inclusive = evaluate("de", Comparison.AT_LEAST);
        assertTrue(inclusive.exceeded());
        assertEquals(GraphFixture.pct("50"), inclusive.restrictedShare());
    }

    @Test
    void decimalStakesThatSumToExactlyFiftyAreExactlyFifty() {
        // With doubles the sum is 50.00000000000001 and would wrongly pass "more than 50%".
        assertTrue(14.16 + 19.85 + 15.99 > 50.0);

        fixture.company("cn", "CN");
        fixture.company("ru", "RU");
        fixture.company("ir", "IR");
        fixture.company("de", "DE");
        fixture.holds("cn", "14.16", "de");
        fixture.holds("ru", "19.85", "de");
        fixture.holds("ir", "15.99", "de");

        ExtensionFinding strict = evaluate("de", Comparison.GREATER_THAN);
        assertEquals(Share.fromPercent("50"), strict.restrictedShare());
        assertEquals("50", Share.toPercent(strict.restrictedShare()).toString());
        assertFalse(strict.exceeded());
        assertTrue(evaluate("de", Comparison.AT_LEAST).exceeded());
    }

    // ---- cycles ----

    @Test
    void cycleWithoutSeedRestrictsNobody() {
        fixture.company("a", "DE");
        fixture.company("b", "FR");
        fixture.holds("a", "60", "b");
        fixture.holds("b", "60", "a");

        assertFalse(evaluate("a").exceeded());
        assertFalse(evaluate("b").exceeded());
        assertEquals(0, evaluate("a").restrictedShare());
    }

    @ParameterizedTest(name = "a holds {0}% of b: b restricted under > 50% is {1}, under >= 50% is {2}")
    @CsvSource({"60, true, true", "50, false, true", "40, false, false"})
    void cycleBelowASeedRestrictsTheSecondMemberOnlyThroughTheFirstMembersStake(
            String aInB, boolean strictlyRestricted, boolean inclusivelyRestricted) {
        fixture.company("cn", "CN");
        fixture.company("a", "DE");
        fixture.company("b", "FR");
        fixture.holds("cn", "60", "a");
        fixture.holds("a", aInB, "b");
        fixture.holds("b", "30", "a");

        for (Comparison comparison : Comparison.values()) {
            boolean bRestricted = comparison == Comparison.GREATER_THAN ? strictlyRestricted : inclusivelyRestricted;
            ExtensionFinding a = evaluate("a", comparison);
            assertTrue(a.exceeded());
            // b's 30% in a counts once b is restricted, even though b is restricted only through a
            assertEquals(GraphFixture.pct(bRestricted ? "90" : "60"), a.restrictedShare(), comparison.name());

            ExtensionFinding b = evaluate("b", comparison);
            assertEquals(bRestricted, b.exceeded(), comparison.name());
            assertEquals(GraphFixture.pct(aInB), b.restrictedShare(), "a is restricted, so its whole stake counts");
            if (bRestricted) {
                assertEquals(List.of("cn", "a", "b"), ids(b.paths().get(0)));
            }
        }
    }

    @Test
    void membersOfACycleCannotRestrictEachOtherWithoutGrounding() {
        // Each of a and b would pass 50% if the other were restricted: 25% from the seed plus 30% from
        // the other. Treating both as restricted is a fixpoint, but not the least one, so neither is.
        fixture.company("cn", "CN");
        fixture.company("a", "DE");
        fixture.company("b", "FR");
        fixture.holds("cn", "25", "a");
        fixture.holds("cn", "25", "b");
        fixture.holds("a", "30", "b");
        fixture.holds("b", "30", "a");

        for (String id : List.of("a", "b")) {
            ExtensionFinding finding = evaluate(id);
            assertFalse(finding.exceeded(), id);
            assertEquals(GraphFixture.pct("25"), finding.restrictedShare(), id);
        }
    }

    @Test
    void ringOfMajorityStakesIsNotRestrictedByAMinoritySeed() {
        fixture.company("cn", "CN");
        fixture.company("a", "DE");
        fixture.company("b", "FR");
        fixture.company("c", "SG");
        fixture.holds("a", "60", "b");
        fixture.holds("b", "60", "c");
        fixture.holds("c", "45", "a");
        fixture.holds("cn", "30", "a");

        for (String id : List.of("a", "b", "c")) {
            assertFalse(evaluate(id).exceeded(), id);
        }
        // Give the seed a majority of a and the whole ring falls, each member through its predecessor.
        fixture.holds("cn", "51", "a");
        for (String id : List.of("a", "b", "c")) {
            assertTrue(evaluate(id).exceeded(), id);
        }
        assertEquals(GraphFixture.pct("96"), evaluate("a").restrictedShare(), "the seed's 51% and c's 45%");
    }

    @Test
    void ownerReachedTwiceIsExpandedOnceInTheProof() {
        fixture.company("cn", "CN");
        fixture.company("holding", "CH");
        fixture.company("x", "DE");
        fixture.company("y", "FR");
        fixture.company("target", "NL");
        fixture.holds("cn", "60", "holding");
        fixture.holds("holding", "60", "x");
        fixture.holds("holding", "60", "y");
        fixture.holds("x", "30", "target");
        fixture.holds("y", "25", "target");

        ExtensionFinding finding = evaluate("target");

        assertTrue(finding.exceeded());
        RestrictedOwner x = finding.owners().get(0);
        RestrictedOwner y = finding.owners().get(1);
        assertEquals("x", x.party().id());
        assertEquals("holding", x.owners().get(0).party().id());
        assertFalse(x.owners().get(0).shownAbove());
        assertEquals("holding", y.owners().get(0).party().id());
        assertTrue(y.owners().get(0).shownAbove());
        assertEquals(List.of(), y.owners().get(0).owners());
        assertEquals(2, finding.paths().size(), "paths are listed in full even where the tree abbreviates");
    }

    // ---- individuals ----

    @Test
    void individualsAreNeverRestrictedByOwnershipAndPassNothing() {
        fixture.company("cn", "CN");
        fixture.individual("person", "DE");
        fixture.company("de", "DE");
        fixture.holds("cn", "100", "person");
        fixture.holds("person", "60", "de");

        ExtensionFinding person = evaluate("person");
        assertFalse(person.exceeded());
        assertEquals(
                GraphFixture.pct("100"),
                person.restrictedShare(),
                "the share is reported even though it cannot restrict");
        assertFalse(evaluate("de").exceeded());
        assertEquals(0, evaluate("de").restrictedShare());
    }

    @Test
    void individualsSeedOnlyWhenThePolicyNamesThem() {
        fixture.individual("ivan", "RU");
        fixture.company("de", "DE");
        fixture.holds("ivan", "60", "de");

        assertFalse(evaluate("de").exceeded(), "organisations only, by default");

        RestrictionCriteria withIndividuals = new RestrictionCriteria(
                BANNED, EnumSet.allOf(PartyKind.class), GraphFixture.pct("50"), Comparison.GREATER_THAN);
        RestrictedByExtension extension = new RestrictedByExtension(graph, withIndividuals).prepare(Bound.LOWER);
        ExtensionFinding finding = extension.evaluate("de");
        assertTrue(finding.exceeded());
        assertTrue(finding.owners().get(0).seed());
        assertFalse(extension.evaluate("ivan").exceeded(), "a seed individual is restricted, but not an organisation");
    }

    // ---- depth ----

    @Test
    void sixtyHopsOfMajorityStakesStillRestrictTheEnd() {
        buildChain(60, -1, "");

        ExtensionFinding end = evaluate("p60");

        assertTrue(end.exceeded());
        assertEquals(GraphFixture.pct("51"), end.restrictedShare());
        assertEquals(1, end.paths().size());
        OwnershipPath path = end.paths().get(0);
        assertEquals(61, path.parties().size());
        assertEquals("p0", path.parties().get(0).id());
        assertEquals("p60", path.parties().get(60).id());
        assertTrue(path.stakes().stream().allMatch(stake -> stake == GraphFixture.pct("51")));

        int depth = 0;
        for (List<RestrictedOwner> level = end.owners();
                !level.isEmpty();
                level = level.get(0).owners()) {
            depth++;
        }
        assertEquals(60, depth, "the proof tree reaches down to the seed");
    }

    @Test
    void oneFiftyPercentHopBreaksAChainUnderMoreThanFifty() {
        buildChain(60, 30, "50");

        assertTrue(evaluate("p29").exceeded());
        assertFalse(evaluate("p30").exceeded());
        assertEquals(GraphFixture.pct("50"), evaluate("p30").restrictedShare());
        assertFalse(evaluate("p31").exceeded());
        assertEquals(0, evaluate("p31").restrictedShare());
        assertFalse(evaluate("p60").exceeded());

        assertTrue(evaluate("p60", Comparison.AT_LEAST).exceeded());
    }

    // ---- registry changes ----

    @Test
    void removingAPartyOrAStakeLiftsTheRestriction() {
        fixture.company("cn", "CN");
        fixture.company("sg", "SG");
        fixture.company("de", "DE");
        fixture.holds("cn", "60", "sg");
        fixture.holds("sg", "60", "de");
        assertTrue(evaluate("de").exceeded());

        graph.removeStake("sg", "cn");
        assertFalse(evaluate("de").exceeded());

        fixture.holds("cn", "60", "sg");
        assertTrue(evaluate("de").exceeded());
        fixture.holds("cn", "40", "sg");
        assertFalse(evaluate("de").exceeded(), "a changed stake replaces the old one");

        fixture.holds("cn", "60", "sg");
        graph.removeParty("cn");
        assertFalse(evaluate("de").exceeded());
        assertEquals(0, evaluate("sg").restrictedShare());
        assertThrows(IllegalArgumentException.class, () -> evaluate("cn"));

        // The new party takes the freed slot; it must not inherit cn's stakes.
        fixture.company("newco", "DE");
        assertEquals(0, evaluate("sg").restrictedShare());
        assertEquals(0, evaluate("newco").restrictedShare());
    }

    @Test
    void movingASeedOutOfABannedJurisdictionLiftsTheRestriction() {
        fixture.company("seed", "CN");
        fixture.company("de", "DE");
        fixture.holds("seed", "60", "de");
        assertTrue(evaluate("de").exceeded());

        fixture.company("seed", "DE");
        assertFalse(evaluate("de").exceeded());
    }

    @Test
    void unknownPartyIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> evaluate("nobody"));
    }

    // ---- paths as evidence ----

    @Test
    void pathsAreSortedByContributionLargestFirst() {
        fixture.company("de", "DE");
        String[] percents = {"5", "20", "10", "30"};
        for (int i = 0; i < percents.length; i++) {
            fixture.company("seed" + i, "CN");
            fixture.holds("seed" + i, percents[i], "de");
        }

        ExtensionFinding finding = evaluate("de");

        assertEquals(GraphFixture.pct("65"), finding.restrictedShare());
        assertEquals(
                List.of(GraphFixture.pct("30"), GraphFixture.pct("20"), GraphFixture.pct("10"), GraphFixture.pct("5")),
                finding.paths().stream().map(OwnershipPath::contribution).toList());
        assertEquals(
                List.of(GraphFixture.pct("30"), GraphFixture.pct("20"), GraphFixture.pct("10"), GraphFixture.pct("5")),
                finding.owners().stream().map(RestrictedOwner::stake).toList());
    }

    @Test
    void moreThanMaxPathsIsTruncatedToExactlyMaxPaths() {
        // 10 intermediaries, each held 6% by each of 11 seeds: 110 seed-to-target paths.
        buildFan(10, 11, i -> "10");

        ExtensionFinding finding = evaluate("target");

        assertTrue(finding.exceeded());
        assertTrue(finding.pathsTruncated());
        assertEquals(ExtensionFinding.MAX_PATHS, finding.paths().size());
    }

    @Test
    void exactlyMaxPathsIsNotTruncated() {
        buildFan(10, 10, i -> "10");

        ExtensionFinding finding = evaluate("target");

        assertFalse(finding.pathsTruncated());
        assertEquals(ExtensionFinding.MAX_PATHS, finding.paths().size());
    }

    @Test
    void truncatedPathsKeepTheLargestContributions() {
        // Intermediary m1 holds 1%, ..., m10 holds 10%; each has 11 seed paths. The 10 paths to leave
        // out are those through m1, whatever order the stakes were registered in.
        buildFan(10, 11, i -> Integer.toString(i + 1));

        ExtensionFinding finding = evaluate("target");

        assertTrue(finding.pathsTruncated());
        assertEquals(ExtensionFinding.MAX_PATHS, finding.paths().size());
        assertEquals(GraphFixture.pct("10"), finding.paths().get(0).contribution());
        long throughLargest = finding.paths().stream()
                .filter(p -> p.contribution() == GraphFixture.pct("10"))
                .count();
        assertEquals(11, throughLargest, "every path through the largest owner is shown");
        assertEquals(
                GraphFixture.pct("1"),
                finding.paths().get(ExtensionFinding.MAX_PATHS - 1).contribution());
    }

    @Test
    void pathSearchStaysSmallWhenManyChainsLeadBackToTheTarget() {
        // The target is restricted through one seed; below it a ladder of 40 levels, each level held by
        // both parties of the level above, feeds back into the target. There are 2^40 chains from the
        // target back to itself and none of them is a path from a seed. The timeout guards against a
        // search that enumerates them; it is not a performance budget.
        fixture.company("cn", "CN");
        fixture.company("t", "DE");
        fixture.holds("cn", "60", "t");
        int levels = 40;
        for (int level = 1; level <= levels; level++) {
            fixture.company("a" + level, "DE");
            fixture.company("b" + level, "DE");
            for (String child : List.of("a" + level, "b" + level)) {
                if (level == 1) {
                    fixture.holds("t", "60", child);
                } else {
                    fixture.holds("a" + (level - 1), "30", child);
                    fixture.holds("b" + (level - 1), "30", child);
                }
            }
        }
        fixture.holds("a" + levels, "30", "t");
        fixture.holds("b" + levels, "10", "t");

        ExtensionFinding finding = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> evaluate("t"));

        assertTrue(finding.exceeded());
        assertEquals(GraphFixture.pct("100"), finding.restrictedShare());
        assertEquals(
                List.of(List.of("cn", "t")),
                finding.paths().stream().map(RestrictedByExtensionTest::ids).toList());
        assertFalse(finding.pathsTruncated());
    }

    // ---- helpers ----

    /** p0, a CN seed, holds 51% of p1, p1 51% of p2, and so on; the hop into p{breakAt} is {@code breakPercent}. */
    private void buildChain(int hops, int breakAt, String breakPercent) {
        fixture.company("p0", "CN");
        for (int i = 1; i <= hops; i++) {
            fixture.company("p" + i, "DE");
            fixture.holds("p" + (i - 1), i == breakAt ? breakPercent : "51", "p" + i);
        }
    }

    /**
     * {@code seeds} CN seeds each hold 6% of each of {@code intermediaries} intermediaries m1, m2, …, and
     * intermediary i holds {@code percentOf.apply(i)} of "target"; stakes are registered m1 first.
     */
    private void buildFan(int intermediaries, int seeds, IntFunction<String> percentOf) {
        fixture.company("target", "DE");
        for (int s = 0; s < seeds; s++) {
            fixture.company("seed" + s, "CN");
        }
        for (int i = 0; i < intermediaries; i++) {
            String intermediary = "m" + (i + 1);
            fixture.company(intermediary, "CH");
            for (int s = 0; s < seeds; s++) {
                fixture.holds("seed" + s, "6", intermediary);
            }
            fixture.holds(intermediary, percentOf.apply(i), "target");
        }
    }

    private ExtensionFinding evaluate(String id) {
        return evaluate(id, Comparison.GREATER_THAN);
    }

    private ExtensionFinding evaluate(String id, Comparison comparison) {
        RestrictionCriteria criteria =
                new RestrictionCriteria(BANNED, ORGANISATIONS, GraphFixture.pct("50"), comparison);
        return new RestrictedByExtension(graph, criteria).prepare(Bound.LOWER).evaluate(id);
    }

    private static List<String> ids(OwnershipPath path) {
        List<String> ids = new ArrayList<>();
        for (PartyInfo party : path.parties()) {
            ids.add(party.id());
        }
        return ids;
    }
}
