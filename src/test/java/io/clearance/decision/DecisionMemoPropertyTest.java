package io.clearance.decision;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.domain.ControlBasis;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.engine.RuleSet;
import io.clearance.ownership.GraphFixture;
import io.clearance.ownership.graph.OwnershipGraph;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The memo can never answer what a fresh decision would not: over random registries changed at random
 * (parties renamed, moved to a banned country or out of one, turned into individuals; stakes set exact, as
 * ranges, as control, dated around now, or removed; parties removed and added back) and a clock moved
 * across the CN ban's first day and across dated stakes, every answer through the memo equals a fresh
 * decision on the same graph in everything but its id and time, reasons and evidence included.
 */
class DecisionMemoPropertyTest {

    private static final int PARTIES = 24;
    private static final int STEPS = 300;
    private static final List<String> COUNTRIES = List.of("US", "DE", "SG", "FR", "CN", "RU");

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void aMemoisedAnswerAlwaysEqualsAFreshDecision(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        // The day before the CN ban (2025-09-05): moving the clock crosses it.
        GraphFixture.MovableClock clock = new GraphFixture.MovableClock(Instant.parse("2025-09-04T18:00:00Z"));
        OwnershipGraph graph = new OwnershipGraph(clock);
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        DecisionMemo memo = new DecisionMemo(graph, metrics, true, 10_000);
        Decider decider = new Decider();
        RuleSet rules = MemoFixture.bundledRules();
        Registry registry = new Registry(graph, random, clock);
        for (int i = 0; i < PARTIES; i++) {
            registry.putParty(id(i));
        }
        for (int i = 0; i < PARTIES * 2; i++) {
            registry.putStake();
        }
        List<DecisionQuery> questions = questions(random);

        for (int step = 0; step < STEPS; step++) {
            String change = registry.change();
            for (int q = 0; q < 8; q++) {
                DecisionQuery query = questions.get(random.nextInt(questions.size()));
                // Fresh first: preparing the kept indexes after the clock moved counts as a write of the graph
                // (its version goes up), which a memo hit, preparing nothing, would otherwise report one behind.
                Decision freshDecision = decide(() -> decider.decide("fresh", query, rules, graph));
                DecisionAnswer memoAnswer = decide(() -> memo.answer("memo", query, rules, decider));
                String fresh = freshDecision == null ? "unknown party" : MemoFixture.answerOf(freshDecision);
                String memoised = memoAnswer == null ? "unknown party" : MemoFixture.answerOf(memoAnswer.decision());
                int at = step;
                assertEquals(
                        fresh, memoised, () -> "seed " + seed + ", step " + at + " after " + change + ": " + query);
                if (memoAnswer != null) {
                    // The bytes answered (a hit's are its template filled in) are the fresh decision's own JSON
                    // with only the memo answer's id and time in place of the fresh one's.
                    assertEquals(
                            new String(
                                    JSON.answer(sameAs(freshDecision, memoAnswer.decision()))
                                            .json(),
                                    UTF_8),
                            new String(memoAnswer.json(), UTF_8),
                            () -> "bytes at seed " + seed + ", step " + at + ": " + query);
                }
            }
        }

        // Not vacuous: answers came from the memo, and changes of each kind dropped some.
        assertTrue(count(metrics, "clearance.decisions.memo", "result", "hit") > STEPS, "hits");
        assertTrue(count(metrics, "clearance.decisions.memo.invalidations", "cause", "stake") > 0, "stake drops");
        assertTrue(count(metrics, "clearance.decisions.memo.invalidations", "cause", "party") > 0, "party drops");
        assertTrue(count(metrics, "clearance.decisions.memo.invalidations", "cause", "force") > 0, "force drops");
    }

    static double count(SimpleMeterRegistry metrics, String name, String tag, String value) {
        return metrics.get(name).tag(tag, value).counter().count();
    }

    private static List<DecisionQuery> questions(SplittableRandom random) {
        List<DecisionQuery> questions = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Action action = Action.values()[random.nextInt(Action.values().length)];
            String onBehalfOf = random.nextInt(4) == 0 ? id(random.nextInt(PARTIES)) : null;
            questions.add(new DecisionQuery(id(random.nextInt(PARTIES)), action, onBehalfOf));
        }
        return questions;
    }

    private static final DecisionJson JSON = DecisionJson.standalone();

    /** What {@code decide} gives, or {@code null} for a refusal (a removed party). */
    private static <T> T decide(java.util.function.Supplier<T> decide) {
        try {
            return decide.get();
        } catch (UnknownPartyException e) {
            return null;
        }
    }

    /** {@code fresh} under the id and time of {@code memoised}. */
    private static Decision sameAs(Decision fresh, Decision memoised) {
        return new Decision(
                memoised.decisionId(),
                fresh.decision(),
                fresh.policyVersion(),
                fresh.registryVersion(),
                memoised.decidedAt(),
                fresh.subject(),
                fresh.action(),
                fresh.onBehalfOf(),
                fresh.at(),
                fresh.reasons(),
                fresh.advice());
    }

    private static String id(int i) {
        return "p" + i;
    }

    /** The graph under test and a model of its stakes, so that no party is held more than 100%. */
    private static final class Registry {
        private final OwnershipGraph graph;
        private final SplittableRandom random;
        private final GraphFixture.MovableClock clock;
        // owned -> owner -> the largest share the stake may be
        private final Map<String, Map<String, Long>> stakes = new HashMap<>();
        private final Map<String, Boolean> present = new LinkedHashMap<>();

        Registry(OwnershipGraph graph, SplittableRandom random, GraphFixture.MovableClock clock) {
            this.graph = graph;
            this.random = random;
            this.clock = clock;
        }

        /** One random change; says which, for the failure message. */
        String change() {
            int dice = random.nextInt(100);
            if (dice < 20) {
                return putParty(id(random.nextInt(PARTIES)));
            } else if (dice < 50) {
                return putStake();
            } else if (dice < 65) {
                return removeStake();
            } else if (dice < 70) {
                String id = id(random.nextInt(PARTIES));
                graph.removeParty(id);
                present.put(id, false);
                stakes.remove(id);
                stakes.values().forEach(owners -> owners.remove(id));
                return "removed party " + id;
            } else if (dice < 85) {
                long seconds = random.nextInt(4) == 0 ? random.nextLong(1, 40 * 3600) : random.nextLong(1, 600);
                clock.advance(seconds);
                return "clock +" + seconds + "s to " + clock.instant();
            }
            return "nothing";
        }

        String putParty(String id) {
            int kind = random.nextInt(10);
            PartyKind partyKind = kind < 7 ? PartyKind.COMPANY : kind < 9 ? PartyKind.INDIVIDUAL : PartyKind.GOVERNMENT;
            String country = COUNTRIES.get(random.nextInt(COUNTRIES.size()));
            String nationality =
                    partyKind == PartyKind.INDIVIDUAL ? COUNTRIES.get(random.nextInt(COUNTRIES.size())) : null;
            PartyInfo party =
                    new PartyInfo(id, "Party " + id + " " + random.nextInt(3), partyKind, country, nationality);
            graph.putParty(party);
            present.put(id, true);
            return "party " + party;
        }

        String putStake() {
            String owned = id(random.nextInt(PARTIES));
            String owner = id(random.nextInt(PARTIES));
            if (owned.equals(owner) || !present.getOrDefault(owned, false) || !present.getOrDefault(owner, false)) {
                return "nothing (no stake possible)";
            }
            Map<String, Long> owners = stakes.computeIfAbsent(owned, k -> new HashMap<>());
            long others = owners.entrySet().stream()
                    .filter(e -> !e.getKey().equals(owner))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
            long room = Share.HUNDRED_PERCENT - others;
            if (room < Share.fromPercent("1")) {
                return "nothing (no room)";
            }
            long max = random.nextLong(Share.fromPercent("1"), room + 1);
            StakeTerms terms;
            int shape = random.nextInt(10);
            if (shape < 6) {
                terms = StakeTerms.exact(max);
            } else if (shape < 8) {
                terms = StakeTerms.between(random.nextLong(0, max), max);
            } else {
                terms = StakeTerms.exact(max)
                        .withControl(Set.of(ControlBasis.values()[random.nextInt(ControlBasis.values().length)]));
            }
            if (random.nextInt(3) == 0) {
                // Dated around now: some in force, some to come, some ending soon.
                Instant from = random.nextBoolean() ? null : clock.instant().plusSeconds(random.nextLong(-3600, 7200));
                Instant to =
                        random.nextBoolean() ? null : clock.instant().plusSeconds(random.nextLong(7200, 40 * 3600));
                terms = terms.during(from, to);
            }
            graph.putStake(owned, owner, terms);
            owners.put(owner, max);
            return "stake " + owner + " -> " + owned + " " + terms;
        }

        String removeStake() {
            List<String[]> all = new ArrayList<>();
            stakes.forEach((owned, owners) -> owners.keySet().forEach(owner -> all.add(new String[] {owned, owner})));
            if (all.isEmpty()) {
                return "nothing (no stake)";
            }
            String[] stake = all.get(random.nextInt(all.size()));
            graph.removeStake(stake[0], stake[1]);
            stakes.get(stake[0]).remove(stake[1]);
            return "removed stake " + stake[1] + " -> " + stake[0];
        }
    }
}
