package io.clearance.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.domain.ControlBasis;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.ownership.BoundsGraph.Stake;
import io.clearance.ownership.BoundsOracle.ExtensionAnswer;
import io.clearance.ownership.BoundsOracle.Rules;
import io.clearance.ownership.BoundsOracle.Sample;
import io.clearance.ownership.BruteForceOracle.Party;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The reference for the bounds is only worth what it computes, so it is held to cases worked by hand and to
 * its own definition: every random assignment of shares, drawn strictly inside the ranges, must restrict at
 * least what the lower bound restricts and at most what the upper bound may, and its aggregates and
 * look-through must lie between the two bounds.
 */
class BoundsOracleTest {

    private static final long SEED = Long.getLong("clearance.randomSeed", 20_261_201L);
    private static final long BUDGET = 4_000;
    private static final long PERCENT = Share.fromPercent("1");
    private static final Set<PartyKind> ORGANISATIONS =
            EnumSet.of(PartyKind.COMPANY, PartyKind.GOVERNMENT, PartyKind.UNIVERSITY);
    private static final int CONSOLIDATION = ControlBasis.CONSOLIDATION.bit();

    // ---- cases worked by hand ----

    @Test
    void moreThanHalfHeldByASeedIsCertainlyMoreThanHalf() {
        BoundsOracle oracle = solve(graph(stake("s", "x", range(50, true, 100, false))), rules(50, false, 0, false));
        assertEquals(answer(true, 50 * PERCENT, true), oracle.lower("x"));
        assertEquals(answer(true, 100 * PERCENT, false), oracle.upper("x"));
    }

    @Test
    void atLeastHalfIsOnlyPossiblyMoreThanHalf() {
        BoundsOracle oracle = solve(graph(stake("s", "x", range(50, false, 100, false))), rules(50, false, 0, false));
        assertEquals(answer(false, 50 * PERCENT, false), oracle.lower("x"));
        assertEquals(answer(true, 100 * PERCENT, false), oracle.upper("x"));
    }

    @Test
    void twoQuartersReachHalfExactly() {
        BoundsGraph g = graph(stake("s", "x", exact(25)), stake("t", "x", exact(25)));
        assertEquals(
                answer(true, 50 * PERCENT, false),
                solve(g, rules(50, true, 0, false)).lower("x"));
        BoundsOracle strictly = solve(g, rules(50, false, 0, false));
        assertEquals(answer(false, 50 * PERCENT, false), strictly.lower("x"));
        assertEquals(answer(false, 50 * PERCENT, false), strictly.upper("x"));
        // Counting the unaccounted half as restricted, the whole may be restricted.
        BoundsOracle counting = solve(g, rules(50, false, 0, true));
        assertEquals(answer(false, 50 * PERCENT, false), counting.lower("x"));
        assertEquals(answer(true, 100 * PERCENT, false), counting.upper("x"));
    }

    @Test
    void theUnaccountedRemainderMayBeRestricted() {
        BoundsGraph g = graph(stake("c", "x", exact(30)));
        BoundsOracle counting = solve(g, rules(50, false, 0, true));
        assertEquals(answer(false, 0, false), counting.lower("x"));
        assertEquals(answer(true, 70 * PERCENT, false), counting.upper("x"));
        assertEquals(Rational.ZERO, counting.lookThroughLower("x"));
        assertEquals(Rational.of(7, 10), counting.lookThroughUpper("x"));
        // Nobody is held by unknown holders of a party that no stake is recorded into.
        assertEquals(answer(false, 0, false), counting.upper("c"));
        BoundsOracle notCounting = solve(g, rules(50, false, 0, false));
        assertEquals(answer(false, 0, false), notCounting.upper("x"));
        assertEquals(Rational.ZERO, notCounting.lookThroughUpper("x"));
    }

    @Test
    void controlRestrictsOnlyThroughTheBasesTheRulesName() {
        BoundsGraph g = graph(stake("s", "x", StakeTerms.control(Set.of(ControlBasis.CONSOLIDATION))));
        assertEquals(
                answer(true, 0, false),
                solve(g, rules(50, false, CONSOLIDATION, false)).lower("x"));
        BoundsOracle ignoring = solve(g, rules(50, false, 0, false));
        assertEquals(answer(false, 0, false), ignoring.lower("x"));
        assertEquals(answer(false, 0, false), ignoring.upper("x"));
        assertEquals(Rational.ZERO, ignoring.lookThroughUpper("x"));
    }

    @Test
    void overlappingRangesShareOneHundredPercent() {
        // The seed can hold at most what the clean owner's minimum leaves.
        BoundsGraph g =
                graph(stake("s", "x", range(0, false, 60, false)), stake("c", "x", range(50, false, 100, false)));
        assertEquals(
                answer(false, 50 * PERCENT, false),
                solve(g, rules(50, false, 0, false)).upper("x"));
        assertEquals(
                answer(true, 50 * PERCENT, false),
                solve(g, rules(50, true, 0, false)).upper("x"));
        // "More than 40%" leaves the seed less than 60%: enough for more than half, never 60%.
        BoundsGraph open =
                graph(stake("s", "x", range(0, false, 60, true)), stake("c", "x", range(40, true, 100, false)));
        BoundsOracle oracle = solve(open, rules(50, false, 0, false));
        assertEquals(answer(true, 60 * PERCENT, false), oracle.upper("x"));
        assertFalse(solve(open, rules(60, true, 0, false)).upper("x").exceeded());
    }

    @Test
    void anExclusiveMaximumIsNeverReached() {
        // Less than half never reaches "at least half", so y is never restricted and x holds nothing restricted,
        // although y's 30% would count were the seed's stake allowed its closed maximum.
        BoundsGraph g = graph(stake("s", "y", range(0, false, 50, true)), stake("y", "x", exact(30)));
        BoundsOracle oracle = solve(g, rules(50, true, 0, false));
        assertEquals(answer(false, 50 * PERCENT, false), oracle.upper("y"));
        assertEquals(answer(false, 0, false), oracle.upper("x"));
        assertEquals(
                answer(false, 30 * PERCENT, false),
                solve(g, rules(50, false, 0, false).withThreshold(45 * PERCENT)).upper("x"));
    }

    @Test
    void lookThroughMultipliesTheBoundsAlongAChain() {
        BoundsGraph g =
                graph(stake("s", "a", range(20, false, 60, false)), stake("a", "b", range(50, false, 100, true)));
        BoundsOracle oracle = solve(g, rules(50, false, 0, false));
        assertEquals(Rational.of(1, 10), oracle.lookThroughLower("b"));
        assertEquals(Rational.of(6, 10), oracle.lookThroughUpper("b"));
    }

    @Test
    void aCycleNeverRestrictsItselfButCarriesLookThroughAround() {
        BoundsGraph g = graph(
                stake("s", "x", range(0, false, 10, false)),
                stake("y", "x", range(0, false, 100, false)),
                stake("x", "y", range(0, false, 100, false)));
        BoundsOracle oracle = solve(g, rules(50, false, 0, false));
        assertFalse(oracle.upper("x").exceeded());
        assertFalse(oracle.upper("y").exceeded());
        // 10% from the seed and 90% from y, which x holds wholly: x = 0.1 + 0.9·x.
        assertEquals(Rational.ONE, oracle.lookThroughUpper("x"));
        assertEquals(Rational.ONE, oracle.lookThroughUpper("y"));
        assertEquals(Rational.ZERO, oracle.lookThroughLower("x"));
    }

    @Test
    void aStakeCountsOnlyWhileInForce() {
        BoundsGraph g = graph(stake(
                "s",
                "x",
                exact(60)
                        .during(
                                java.time.Instant.ofEpochSecond(BoundsGraph.T1),
                                java.time.Instant.ofEpochSecond(BoundsGraph.T2))));
        Rules rules = rules(50, false, 0, false);
        assertFalse(solve(g, rules, BoundsGraph.T1 - 1).lower("x").exceeded());
        assertTrue(solve(g, rules, BoundsGraph.T1).lower("x").exceeded());
        assertTrue(solve(g, rules, BoundsGraph.T2 - 1).lower("x").exceeded());
        assertFalse(solve(g, rules, BoundsGraph.T2).upper("x").exceeded());
    }

    // ---- the oracle against its own definition ----

    @Test
    void everyAssignmentLiesBetweenTheBounds() {
        Random random = new Random(SEED);
        int solved = 0;
        int samples = 0;
        for (int t = 0; t < 800; t++) {
            BoundsGraph g = BoundsGraph.random(random, 6, random.nextBoolean());
            Rules rules = Rules.of(BoundsGraph.randomCriteria(random));
            long at = BoundsGraph.QUERY_INSTANTS[random.nextInt(BoundsGraph.QUERY_INSTANTS.length)];
            BoundsOracle oracle = BoundsOracle.solve(g, rules, at, BUDGET).orElse(null);
            if (oracle == null) {
                continue;
            }
            solved++;
            for (int s = 0; s < 10; s++) {
                Sample sample = oracle.sample(random).orElse(null);
                if (sample == null) {
                    continue;
                }
                samples++;
                for (Party party : g.parties()) {
                    String id = party.id();
                    String where = "seed " + SEED + ", try " + t + ", " + id + " at " + at + " under " + rules + " in "
                            + g + ": ";
                    ExtensionAnswer lower = oracle.lower(id);
                    ExtensionAnswer upper = oracle.upper(id);
                    boolean restricted = sample.restricted().get(id);
                    boolean exceeded = sample.exceeded().get(id);
                    long held = sample.restrictedScaled().get(id);
                    assertTrue(!lower.restricted() || restricted, where + "certainly restricted, yet not here");
                    assertTrue(!restricted || upper.restricted(), where + "restricted here, yet not possibly");
                    assertTrue(!lower.exceeded() || exceeded, where + "certainly exceeded, yet not here");
                    assertTrue(!exceeded || upper.exceeded(), where + "exceeded here, yet not possibly");
                    assertTrue(held >= lower.restrictedShare() * BoundsOracle.SCALE, where + "below the lower bound");
                    assertTrue(held <= upper.restrictedShare() * BoundsOracle.SCALE, where + "above the upper bound");
                    Rational look = sample.lookThrough().get(id);
                    assertTrue(look.compareTo(oracle.lookThroughLower(id)) >= 0, where + "below look-through lower");
                    assertTrue(look.compareTo(oracle.lookThroughUpper(id)) <= 0, where + "above look-through upper");
                }
            }
        }
        // The budget and the draws must leave most cases checked, or this proves little.
        assertTrue(solved > 700, "solved " + solved);
        assertTrue(samples > 5_000, "samples " + samples);
    }

    // ---- building hand-worked cases: s and t are seeds, every other party a clean company ----

    private static BoundsOracle solve(BoundsGraph g, Rules rules) {
        return solve(g, rules, BoundsGraph.T3);
    }

    private static BoundsOracle solve(BoundsGraph g, Rules rules, long at) {
        return BoundsOracle.solve(g, rules, at, BUDGET).orElseThrow();
    }

    private static Rules rules(long thresholdPercent, boolean inclusive, int controlBits, boolean countsUnaccounted) {
        return new Rules(
                Set.of("CN"), ORGANISATIONS, thresholdPercent * PERCENT, inclusive, controlBits, countsUnaccounted);
    }

    private static BoundsGraph graph(Stake... stakes) {
        List<Party> parties = new ArrayList<>();
        for (Stake stake : stakes) {
            for (String id : List.of(stake.ownerId(), stake.ownedId())) {
                if (parties.stream().noneMatch(p -> p.id().equals(id))) {
                    boolean seed = id.equals("s") || id.equals("t");
                    parties.add(new Party(id, PartyKind.COMPANY, seed ? "CN" : "DE"));
                }
            }
        }
        return new BoundsGraph(parties, List.of(stakes));
    }

    /** The answer for a party that is not a seed, where being restricted and exceeding coincide. */
    private static ExtensionAnswer answer(boolean restricted, long share, boolean exclusive) {
        return new ExtensionAnswer(restricted, restricted, share, exclusive);
    }

    private static Stake stake(String owner, String owned, StakeTerms terms) {
        return new Stake(owner, owned, terms);
    }

    private static StakeTerms exact(long percent) {
        return StakeTerms.exact(percent * PERCENT);
    }

    private static StakeTerms range(long min, boolean minExclusive, long max, boolean maxExclusive) {
        return new StakeTerms(
                min * PERCENT,
                minExclusive,
                max * PERCENT,
                maxExclusive,
                0,
                StakeTerms.ALWAYS_FROM,
                StakeTerms.ALWAYS_TO);
    }
}
