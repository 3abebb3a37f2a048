package io.clearance.decision;

import static io.clearance.decision.DecisionMemoPropertyTest.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.engine.RuleSet;
import io.clearance.ownership.GraphFixture;
import io.clearance.ownership.graph.ForceHorizon;
import io.clearance.ownership.graph.OwnershipGraph;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What the memo drops and when, case by case: a change drops the changed party's and its descendants'
 * decisions and no others; a dated stake above a party or a ban expires its decisions at the instant it
 * comes into force; requests for another instant, and a memo switched off, bypass it.
 */
class DecisionMemoTest {

    private final RuleSet rules = MemoFixture.bundledRules();
    private final Decider decider = new Decider();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @Test
    void aChangeToAPartyDropsItsDecisionsAndItsDescendantsButNoOthers() {
        OwnershipGraph graph = new OwnershipGraph();
        // root -60%-> middle -60%-> leaf; an unrelated party beside them.
        for (String id : new String[] {"root", "middle", "leaf", "other"}) {
            graph.putParty(company(id, "US"));
        }
        graph.putStake("middle", "root", Share.fromPercent("60"));
        graph.putStake("leaf", "middle", Share.fromPercent("60"));
        DecisionMemo memo = new DecisionMemo(graph, metrics, true, 1_000);
        for (String id : new String[] {"root", "middle", "leaf", "other"}) {
            decide(memo, id);
        }

        graph.putParty(company("middle", "CN"));

        assertEquals(Outcome.PERMIT, decide(memo, "root").decision());
        assertEquals(Outcome.PERMIT, decide(memo, "other").decision());
        assertEquals(2, hits(), "root and other still memoised");
        assertEquals(Outcome.DENY, decide(memo, "middle").decision());
        assertEquals(Outcome.DENY, decide(memo, "leaf").decision());
        assertEquals(2, hits(), "middle and leaf decided again");
        assertEquals(2, count(metrics, "clearance.decisions.memo.invalidations", "cause", "party"));
    }

    @Test
    void aDecisionExpiresWhenADatedStakeAboveThePartyComesIntoForce() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        GraphFixture.MovableClock clock = new GraphFixture.MovableClock(start);
        OwnershipGraph graph = new OwnershipGraph(clock);
        graph.putParty(company("parent", "CN"));
        graph.putParty(company("holding", "SG"));
        graph.putParty(company("acme", "DE"));
        graph.putStake("acme", "holding", Share.fromPercent("60"));
        graph.putStake(
                "holding", "parent", StakeTerms.exact(Share.fromPercent("60")).during(start.plusSeconds(3600), null));
        DecisionMemo memo = new DecisionMemo(graph, metrics, true, 1_000);

        assertEquals(Outcome.PERMIT, decide(memo, "acme").decision());
        clock.advance(3599);
        assertEquals(Outcome.PERMIT, decide(memo, "acme").decision());
        assertEquals(1, hits());
        clock.advance(1);
        assertEquals(Outcome.DENY, decide(memo, "acme").decision());
        assertEquals(1, count(metrics, "clearance.decisions.memo.invalidations", "cause", "force"));
    }

    @Test
    void aDecisionBelowMoreAncestorsThanTheWalkTakesExpiresAtTheGraphsNextChangeOfForce() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        GraphFixture.MovableClock clock = new GraphFixture.MovableClock(start);
        OwnershipGraph graph = new OwnershipGraph(clock);
        // parent -60% from start + 1h-> c0 -60%-> c1 ... -60%-> acme: more ancestors than the walk's budget.
        int chain = ForceHorizon.MAX_ANCESTORS + 10;
        graph.putParty(company("parent", "CN"));
        for (int i = 0; i < chain; i++) {
            graph.putParty(company("c" + i, "SG"));
            if (i > 0) {
                graph.putStake("c" + i, "c" + (i - 1), Share.fromPercent("60"));
            }
        }
        graph.putParty(company("acme", "DE"));
        graph.putStake("acme", "c" + (chain - 1), Share.fromPercent("60"));
        graph.putStake("c0", "parent", StakeTerms.exact(Share.fromPercent("60")).during(start.plusSeconds(3600), null));
        DecisionMemo memo = new DecisionMemo(graph, metrics, true, 1_000);

        assertEquals(Outcome.PERMIT, decide(memo, "acme").decision());
        clock.advance(3599);
        assertEquals(Outcome.PERMIT, decide(memo, "acme").decision());
        assertEquals(1, hits());
        clock.advance(1);
        assertEquals(Outcome.DENY, decide(memo, "acme").decision());
    }

    @Test
    void aDecisionExpiresWhenABanComesIntoForce() {
        // The bundled rules ban CN from 2025-09-05.
        GraphFixture.MovableClock clock = new GraphFixture.MovableClock(Instant.parse("2025-09-04T23:59:59Z"));
        OwnershipGraph graph = new OwnershipGraph(clock);
        graph.putParty(company("shanghai", "CN"));
        DecisionMemo memo = new DecisionMemo(graph, metrics, true, 1_000);

        assertEquals(Outcome.PERMIT, decide(memo, "shanghai").decision());
        assertEquals(Outcome.PERMIT, decide(memo, "shanghai").decision());
        clock.advance(1);
        assertEquals(Outcome.DENY, decide(memo, "shanghai").decision());
        assertEquals(1, hits());
    }

    @Test
    void theFirstRangeAnywhereInTheGraphLeavesNoStaleEvidenceElsewhere() {
        // Whether any stake in the graph is a range decides whether upper bounds are computed at all.
        OwnershipGraph graph = new OwnershipGraph();
        for (String id : new String[] {"owner", "acme", "x", "y"}) {
            graph.putParty(company(id, "US"));
        }
        graph.putStake("acme", "owner", Share.fromPercent("40"));
        DecisionMemo memo = new DecisionMemo(graph, metrics, true, 1_000);
        decide(memo, "acme");

        graph.putStake("y", "x", StakeTerms.between(Share.fromPercent("10"), Share.fromPercent("20")));

        DecisionQuery query = new DecisionQuery("acme", Action.API_ACCESS, null);
        assertEquals(
                MemoFixture.answerOf(decider.decide("fresh", query, rules, graph)),
                MemoFixture.answerOf(memo.decide("memo", query, rules, decider)));
    }

    @Test
    void aRemovedPartyIsUnknownToTheMemoToo() {
        OwnershipGraph graph = new OwnershipGraph();
        graph.putParty(company("acme", "DE"));
        DecisionMemo memo = new DecisionMemo(graph, metrics, true, 1_000);
        decide(memo, "acme");

        graph.removeParty("acme");

        assertThrows(UnknownPartyException.class, () -> decide(memo, "acme"));
    }

    @Test
    void requestsForAnotherInstantAndAMemoSwitchedOffBypassIt() {
        OwnershipGraph graph = new OwnershipGraph();
        graph.putParty(company("acme", "DE"));
        DecisionMemo memo = new DecisionMemo(graph, metrics, true, 1_000);
        DecisionQuery past = new DecisionQuery("acme", Action.API_ACCESS, null, Instant.parse("2024-01-01T00:00:00Z"));
        memo.decide("1", past, rules, decider);
        memo.decide("2", past, rules, decider);
        SimpleMeterRegistry offMetrics = new SimpleMeterRegistry();
        DecisionMemo off = new DecisionMemo(graph, offMetrics, false, 1_000);
        off.decide("3", new DecisionQuery("acme", Action.API_ACCESS, null), rules, decider);
        off.decide("4", new DecisionQuery("acme", Action.API_ACCESS, null), rules, decider);

        assertEquals(2, count(metrics, "clearance.decisions.memo", "result", "bypass"));
        assertEquals(0, memo.size());
        assertEquals(2, count(offMetrics, "clearance.decisions.memo", "result", "bypass"));
        assertEquals(0, off.size());
    }

    private Decision decide(DecisionMemo memo, String subject) {
        return memo.decide("id", new DecisionQuery(subject, Action.API_ACCESS, null), rules, decider);
    }

    private double hits() {
        return count(metrics, "clearance.decisions.memo", "result", "hit");
    }

    private static PartyInfo company(String id, String country) {
        return new PartyInfo(id, "Company " + id, PartyKind.COMPANY, country, null);
    }
}
