package io.clearance.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.engine.RuleSet;
import io.clearance.ownership.graph.OwnershipGraph;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A decision computed before a registry change and stored after it must not be memoised: the next answer
 * would be the one from before the change. First the exact interleaving, forced (the change lands between
 * the deciding and the storing); then deciders and a writer running at once, after which every memoised
 * answer must still equal a fresh one.
 */
class DecisionMemoRaceTest {

    private final RuleSet rules = MemoFixture.bundledRules();

    /** A decider that makes a registry change after it has decided, before the memo stores the answer. */
    private static final class ChangeAfterDeciding extends Decider {
        private Runnable change;

        ChangeAfterDeciding(Runnable change) {
            this.change = change;
        }

        @Override
        public Decision decide(String decisionId, DecisionQuery query, RuleSet rules, OwnershipGraph graph) {
            Decision decision = super.decide(decisionId, query, rules, graph);
            if (change != null) {
                change.run();
                change = null;
            }
            return decision;
        }
    }

    @Test
    void aDecisionComputedBeforeAChangeToThePartyIsNotMemoisedAfterIt() {
        OwnershipGraph graph = new OwnershipGraph();
        graph.putParty(company("acme", "DE"));
        DecisionMemo memo = new DecisionMemo(graph, new SimpleMeterRegistry(), true, 1_000);
        DecisionQuery query = new DecisionQuery("acme", Action.API_ACCESS, null);

        Decision before =
                memo.decide("1", query, rules, new ChangeAfterDeciding(() -> graph.putParty(company("acme", "RU"))));
        Decision after = memo.decide("2", query, rules, new Decider());

        assertEquals(Outcome.PERMIT, before.decision());
        assertEquals(Outcome.DENY, after.decision());
    }

    @Test
    void aDecisionComputedBeforeAChangeAboveThePartyIsNotMemoisedAfterIt() {
        OwnershipGraph graph = new OwnershipGraph();
        graph.putParty(company("parent", "CN"));
        graph.putParty(company("holding", "SG"));
        graph.putParty(company("acme", "DE"));
        graph.putStake("acme", "holding", Share.fromPercent("60"));
        DecisionMemo memo = new DecisionMemo(graph, new SimpleMeterRegistry(), true, 1_000);
        DecisionQuery query = new DecisionQuery("acme", Action.API_ACCESS, null);

        Decision before = memo.decide(
                "1",
                query,
                rules,
                new ChangeAfterDeciding(() -> graph.putStake("holding", "parent", Share.fromPercent("60"))));
        Decision after = memo.decide("2", query, rules, new Decider());

        assertEquals(Outcome.PERMIT, before.decision());
        assertEquals(Outcome.DENY, after.decision());
        assertEquals(MemoFixture.answerOf(new Decider().decide("3", query, rules, graph)), MemoFixture.answerOf(after));
    }

    @Test
    void deciderThreadsAndAWriterAtOnceLeaveNoStaleAnswer() throws Exception {
        OwnershipGraph graph = new OwnershipGraph();
        // A chain root -> middle -> leaf per group; the writer moves roots in and out of banned countries and
        // changes the stakes along the chains, while deciders ask about every party.
        int groups = 6;
        List<DecisionQuery> questions = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            graph.putParty(company("root" + g, "US"));
            graph.putParty(company("middle" + g, "SG"));
            graph.putParty(company("leaf" + g, "DE"));
            graph.putStake("middle" + g, "root" + g, Share.fromPercent("60"));
            graph.putStake("leaf" + g, "middle" + g, Share.fromPercent("60"));
            for (String party : List.of("root" + g, "middle" + g, "leaf" + g)) {
                questions.add(new DecisionQuery(party, Action.API_ACCESS, null));
                questions.add(new DecisionQuery(party, Action.COMMERCIAL_PARTNERSHIP, "leaf" + g));
            }
        }
        DecisionMemo memo = new DecisionMemo(graph, new SimpleMeterRegistry(), true, 1_000);
        Decider decider = new Decider();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                SplittableRandom random = new SplittableRandom(t);
                running.add(threads.submit(() -> {
                    for (int i = 0; i < 1_500; i++) {
                        memo.decide("d", questions.get(random.nextInt(questions.size())), rules, decider);
                    }
                }));
            }
            running.add(threads.submit(() -> {
                SplittableRandom random = new SplittableRandom(99);
                for (int i = 0; i < 400; i++) {
                    int g = random.nextInt(groups);
                    if (random.nextBoolean()) {
                        graph.putParty(company("root" + g, random.nextBoolean() ? "CN" : "US"));
                    } else {
                        String share = random.nextBoolean() ? "50" : "40"; // two owners: at most 100%
                        graph.putStake(
                                random.nextBoolean() ? "middle" + g : "leaf" + g,
                                random.nextBoolean() ? "root" + g : "middle" + g,
                                Share.fromPercent(share));
                    }
                }
            }));
            for (Future<?> done : running) {
                done.get();
            }
        } finally {
            threads.shutdown();
        }

        for (DecisionQuery query : questions) {
            String fresh = MemoFixture.answerOf(decider.decide("fresh", query, rules, graph));
            assertEquals(fresh, MemoFixture.answerOf(memo.decide("memo", query, rules, decider)), query.toString());
        }
    }

    private static PartyInfo company(String id, String country) {
        return new PartyInfo(id, "Company " + id, PartyKind.COMPANY, country, null);
    }
}
