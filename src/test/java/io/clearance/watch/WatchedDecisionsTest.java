package io.clearance.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.decision.Action;
import io.clearance.decision.Decider;
import io.clearance.decision.Decision;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.engine.RuleSet;
import io.clearance.engine.RuleSetCompiler;
import io.clearance.engine.RuleSource;
import io.clearance.ownership.graph.GraphChangeListener;
import io.clearance.ownership.graph.GraphLoader;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.ownership.graph.ReloadChanges;
import io.clearance.ownership.graph.StakeSource;
import io.clearance.policy.PolicyDocument;
import io.clearance.registry.RegistrySink;
import io.clearance.registry.io.SyntheticRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * After a reload (an import) the watches decide again only the parties the reload changed and those below
 * them, and still fire exactly the events that deciding every party again would: checked against that oracle
 * on a synthetic registry changed at random (countries, shares, sources, stakes and parties added and
 * removed).
 */
class WatchedDecisionsTest {

    private static RuleSet rules;

    @BeforeAll
    static void compile() {
        rules = new RuleSetCompiler()
                .compile(
                        RuleSource.readDirectory(Path.of("rules")), PolicyDocument.read(Path.of("policies/policy.md")));
    }

    private record Stake(String owned, String owner, StakeTerms terms, StakeSource source) {}

    private record Registry(List<PartyInfo> parties, List<Stake> stakes) {

        static Registry generated(int parties) {
            List<PartyInfo> all = new ArrayList<>();
            List<Stake> stakes = new ArrayList<>();
            new SyntheticRegistry(7, 0.1).generate(parties, parties * 2, new RegistrySink() {
                @Override
                public void party(PartyInfo party) {
                    all.add(party);
                }

                @Override
                public void stake(String ownedId, String ownerId, StakeTerms terms) {
                    stakes.add(new Stake(ownedId, ownerId, terms, null));
                }
            });
            return new Registry(all, stakes);
        }

        void into(OwnershipGraph graph) {
            GraphLoader loader = graph.loader();
            parties.forEach(loader::party);
            stakes.forEach(s -> loader.stake(s.owned(), s.owner(), s.terms(), s.source()));
            loader.commit();
        }

        /** The registry with about {@code percent}% of its parties and stakes changed in some way. */
        Registry changed(Random random, int percent) {
            List<PartyInfo> parties = new ArrayList<>();
            Set<String> removed = new TreeSet<>();
            for (PartyInfo party : this.parties) {
                int roll = random.nextInt(100 * 4);
                if (roll < percent) {
                    removed.add(party.id());
                } else if (roll < 2 * percent) {
                    String country = party.country().equals("CN") ? "DE" : "CN";
                    parties.add(new PartyInfo(party.id(), party.name(), party.kind(), country, party.nationality()));
                } else {
                    parties.add(party);
                }
            }
            for (int i = 0; i < percent; i++) {
                parties.add(new PartyInfo(
                        "new-" + i, "New " + i, this.parties.get(0).kind(), "CN", null));
            }
            List<Stake> stakes = new ArrayList<>();
            for (Stake stake : this.stakes) {
                if (removed.contains(stake.owned()) || removed.contains(stake.owner())) {
                    continue;
                }
                int roll = random.nextInt(100 * 3);
                if (roll < percent) {
                    continue;
                } else if (roll < 2 * percent) {
                    long share = Share.fromPercent(String.valueOf(1 + random.nextInt(99)));
                    stakes.add(new Stake(stake.owned(), stake.owner(), StakeTerms.exact(share), stake.source()));
                } else if (roll < 3 * percent) {
                    stakes.add(new Stake(
                            stake.owned(), stake.owner(), stake.terms(), new StakeSource("gleif", "r", null)));
                } else {
                    stakes.add(stake);
                }
            }
            for (int i = 0; i < percent; i++) {
                String owned =
                        parties.get(random.nextInt(this.parties.size() / 2)).id();
                stakes.add(new Stake(owned, "new-" + i, StakeTerms.exact(Share.fromPercent("60")), null));
            }
            return new Registry(parties, dedupe(stakes));
        }

        private static List<Stake> dedupe(List<Stake> stakes) {
            Map<String, Stake> byPair = new TreeMap<>();
            stakes.forEach(s -> byPair.putIfAbsent(s.owned() + ">" + s.owner(), s));
            return List.copyOf(byPair.values());
        }
    }

    /** Every party's decision for every action: what deciding everything again says. */
    private static Map<String, List<String>> everyDecision(OwnershipGraph graph) {
        Map<String, List<String>> all = new TreeMap<>();
        for (String party : graph.partyIds()) {
            List<String> outcomes = new ArrayList<>();
            for (Decision decision : new Decider()
                    .decideEach(party, List.of(Action.values()), List.of(rules), graph)
                    .get(0)) {
                outcomes.add(decision.decision().name());
            }
            all.put(party, outcomes);
        }
        return all;
    }

    @Test
    void aReloadFiresExactlyTheEventsOfDecidingEveryPartyAgainAndDecidesOnlyWhatItTouched() {
        // Small: the oracle decides every party twice, and the rules run once per party and action.
        Registry before = Registry.generated(200);
        Registry after = before.changed(new Random(11), 3);
        OwnershipGraph graph = new OwnershipGraph();
        before.into(graph);
        List<WatchEvent> events = new ArrayList<>();
        WatchedDecisions watched = new WatchedDecisions(graph, new Decider(), party -> true, events::add);
        watched.follow(new LinkedHashSet<>(graph.partyIds()), rules);
        Map<String, List<String>> oracleBefore = everyDecision(graph);
        ReloadChanges[] heard = new ReloadChanges[1];
        graph.addListener(new GraphChangeListener() {
            @Override
            public void changed(Kind kind, List<String> roots) {}

            @Override
            public void reloaded(ReloadChanges changes) {
                heard[0] = changes;
            }
        });

        after.into(graph);
        Collection<String> touched = watched.touchedBy(heard[0]);
        watched.compare(touched, rules, "reload");

        Map<String, List<String>> oracleAfter = everyDecision(graph);
        Set<String> expected = new TreeSet<>();
        oracleAfter.forEach((party, outcomes) -> {
            List<String> was = oracleBefore.get(party);
            for (int a = 0; was != null && a < outcomes.size(); a++) {
                if (!was.get(a).equals(outcomes.get(a))) {
                    expected.add(
                            party + " " + Action.values()[a].wireName() + " " + was.get(a) + "->" + outcomes.get(a));
                }
            }
        });
        Set<String> actual = new TreeSet<>();
        events.forEach(e -> actual.add(e.partyId() + " " + e.action() + " " + e.before() + "->" + e.after()));
        assertFalse(expected.isEmpty(), "the changes flip some decisions");
        assertEquals(expected, actual);
        assertTrue(touched.size() < graph.partyCount(), touched.size() + " of " + graph.partyCount() + " touched");
        assertTrue(touched.containsAll(List.of("new-0", "new-1")), "new parties are touched, and get a baseline");
        assertEquals(
                graph.partyCount(), watched.size(), "every party followed, removed ones forgotten, new ones added");
    }

    @Test
    void theSameRegistryAgainTouchesNothing() {
        Registry registry = Registry.generated(300);
        OwnershipGraph graph = new OwnershipGraph();
        registry.into(graph);
        ReloadChanges[] heard = new ReloadChanges[1];
        graph.addListener(new GraphChangeListener() {
            @Override
            public void changed(Kind kind, List<String> roots) {}

            @Override
            public void reloaded(ReloadChanges changes) {
                heard[0] = changes;
            }
        });
        registry.into(graph);
        assertEquals(List.of(), heard[0].roots());
    }
}
