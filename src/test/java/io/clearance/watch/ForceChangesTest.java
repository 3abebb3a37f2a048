package io.clearance.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.decision.Action;
import io.clearance.decision.Decider;
import io.clearance.decision.Decision;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.engine.RuleSet;
import io.clearance.engine.RuleSetCompiler;
import io.clearance.engine.RuleSource;
import io.clearance.ownership.GraphFixture;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.policy.PolicyDocument;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A change of force decides again only the parties it can touch, and fires exactly the events deciding every
 * party again would: a dated stake coming into force touches its subject's subtree, not an unrelated subtree
 * whose dated stake is still to come nor the bystanders; a dated ban coming into force touches the parties of
 * its country and their descendants. The cost is read from the parties decided, not timed.
 */
class ForceChangesTest {

    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant A_FROM = Instant.parse("2026-03-02T00:00:00Z");
    private static final Instant B_FROM = Instant.parse("2026-04-01T00:00:00Z");
    private static final int BYSTANDERS = 40;

    private static RuleSet rules;

    @BeforeAll
    static void compile() {
        rules = new RuleSetCompiler()
                .compile(
                        RuleSource.readDirectory(Path.of("rules")), PolicyDocument.read(Path.of("policies/policy.md")));
    }

    /** Every party's outcome for every action, as "party action outcome": what deciding everything says. */
    private static Set<String> everyDecision(OwnershipGraph graph) {
        Set<String> all = new TreeSet<>();
        for (String party : graph.partyIds()) {
            List<Decision> decisions = new Decider()
                    .decideEach(party, List.of(Action.values()), List.of(rules), graph)
                    .get(0);
            for (int a = 0; a < decisions.size(); a++) {
                all.add(party + " " + Action.values()[a].wireName() + " "
                        + decisions.get(a).decision());
            }
        }
        return all;
    }

    /** The flips from {@code before} to {@code after}: "party action BEFORE->AFTER". */
    private static Set<String> flips(Set<String> before, Set<String> after) {
        Map<String, String> was = new TreeMap<>();
        before.forEach(
                line -> was.put(line.substring(0, line.lastIndexOf(' ')), line.substring(line.lastIndexOf(' ') + 1)));
        Set<String> flipped = new TreeSet<>();
        for (String line : after) {
            String key = line.substring(0, line.lastIndexOf(' '));
            String outcome = line.substring(line.lastIndexOf(' ') + 1);
            if (was.containsKey(key) && !was.get(key).equals(outcome)) {
                flipped.add(key + " " + was.get(key) + "->" + outcome);
            }
        }
        return flipped;
    }

    private static Set<String> received(List<WatchEvent> events) {
        Set<String> flipped = new TreeSet<>();
        events.forEach(e -> flipped.add(e.partyId() + " " + e.action() + " " + e.before() + "->" + e.after()));
        return flipped;
    }

    private static void dated(OwnershipGraph graph, String owner, String owned, Instant from) {
        graph.putStake(owned, owner, StakeTerms.exact(Share.fromPercent("60")).during(from, null));
    }

    @Test
    void aStakeComingIntoForceDecidesItsSubtreeOnlyAndFiresExactlyItsFlips() {
        GraphFixture.MovableClock clock = new GraphFixture.MovableClock(START);
        OwnershipGraph graph = new OwnershipGraph(clock);
        GraphFixture fixture = new GraphFixture(graph)
                .company("ru-a", "RU")
                .company("a1", "DE")
                .company("a2", "DE")
                .company("ru-b", "RU")
                .company("b1", "DE")
                .company("b2", "DE")
                .holds("a1", "60", "a2")
                .holds("b1", "60", "b2");
        for (int i = 0; i < BYSTANDERS; i++) {
            fixture.company("by-" + i, "FR");
        }
        dated(graph, "ru-a", "a1", A_FROM); // comes into force in the window
        dated(graph, "ru-b", "b1", B_FROM); // after it
        List<WatchEvent> events = new ArrayList<>();
        WatchedDecisions watched = new WatchedDecisions(graph, new Decider(), party -> true, events::add);
        watched.follow(new LinkedHashSet<>(graph.partyIds()), rules);
        Set<String> before = everyDecision(graph);

        clock.set(A_FROM.plusSeconds(60));
        ForceChanges.Touched touched = ForceChanges.between(
                graph,
                rules.parameters().bans(),
                START.getEpochSecond(),
                clock.instant().getEpochSecond());
        long decidedBefore = watched.decided();
        watched.compare(touched.parties(), rules, touched.cause(), touched.change());

        assertEquals(Set.of("a1", "a2"), Set.copyOf(touched.parties()), "the stake's subject and what it holds");
        assertEquals(2, watched.decided() - decidedBefore, "two of " + graph.partyCount() + " parties decided again");
        Set<String> expected = flips(before, everyDecision(graph));
        assertFalse(expected.isEmpty(), "the stake flips decisions");
        assertTrue(expected.stream().allMatch(f -> f.startsWith("a1 ") || f.startsWith("a2 ")), expected::toString);
        assertEquals(expected, received(events));
        assertTrue(touched.cause().startsWith("change of force at " + A_FROM), touched.cause());
        assertTrue(touched.cause().contains("stakes into a1"), touched.cause());
        assertTrue(events.stream().allMatch(e -> e.cause().equals(touched.cause())));
        // The same for a program: the instant, the stake's subject, no ban.
        assertEquals(WatchChange.FORCE, touched.change().kind());
        assertEquals(List.of(A_FROM), touched.change().at());
        assertEquals(List.of("a1"), touched.change().parties());
        assertEquals(List.of(), touched.change().bans());
        assertTrue(events.stream().allMatch(e -> e.change() == touched.change()));
    }

    @Test
    void aStakeLeavingForceDecidesItsSubtreeAgain() {
        GraphFixture.MovableClock clock = new GraphFixture.MovableClock(START);
        OwnershipGraph graph = new OwnershipGraph(clock);
        new GraphFixture(graph)
                .company("ru", "RU")
                .company("x", "DE")
                .company("y", "DE")
                .company("z", "FR");
        graph.putStake("x", "ru", StakeTerms.exact(Share.fromPercent("60")).during(null, A_FROM));
        List<WatchEvent> events = new ArrayList<>();
        WatchedDecisions watched = new WatchedDecisions(graph, new Decider(), party -> true, events::add);
        watched.follow(new LinkedHashSet<>(graph.partyIds()), rules);
        Set<String> before = everyDecision(graph);

        clock.set(A_FROM);
        ForceChanges.Touched touched = ForceChanges.between(
                graph,
                rules.parameters().bans(),
                START.getEpochSecond(),
                clock.instant().getEpochSecond());
        watched.compare(touched.parties(), rules, touched.cause());

        assertEquals(Set.of("x"), Set.copyOf(touched.parties()));
        Set<String> expected = flips(before, everyDecision(graph));
        assertTrue(expected.stream().anyMatch(f -> f.startsWith("x api.access DENY->")), expected::toString);
        assertEquals(expected, received(events));
    }

    @Test
    void aBanComingIntoForceDecidesThePartiesOfItsCountryAndBelowThem() {
        // The rules ban CN from 2025-09-05.
        GraphFixture.MovableClock clock = new GraphFixture.MovableClock(Instant.parse("2025-09-04T12:00:00Z"));
        OwnershipGraph graph = new OwnershipGraph(clock);
        GraphFixture fixture = new GraphFixture(graph)
                .company("cn", "CN")
                .company("held", "DE")
                .company("below", "DE")
                .individual("resident", "CN")
                .company("ru", "RU")
                .company("ru-held", "DE")
                .holds("cn", "60", "held")
                .holds("held", "60", "below")
                .holds("ru", "60", "ru-held");
        for (int i = 0; i < BYSTANDERS; i++) {
            fixture.company("by-" + i, "FR");
        }
        List<WatchEvent> events = new ArrayList<>();
        WatchedDecisions watched = new WatchedDecisions(graph, new Decider(), party -> true, events::add);
        watched.follow(new LinkedHashSet<>(graph.partyIds()), rules);
        Set<String> before = everyDecision(graph);
        long from = clock.instant().getEpochSecond();

        clock.set(Instant.parse("2025-09-05T00:00:10Z"));
        ForceChanges.Touched touched = ForceChanges.between(
                graph, rules.parameters().bans(), from, clock.instant().getEpochSecond());
        long decidedBefore = watched.decided();
        watched.compare(touched.parties(), rules, touched.cause());

        assertEquals(Set.of("cn", "held", "below", "resident"), Set.copyOf(touched.parties()));
        assertEquals(4, watched.decided() - decidedBefore);
        Set<String> expected = flips(before, everyDecision(graph));
        assertTrue(expected.stream().anyMatch(f -> f.startsWith("below api.access PERMIT->DENY")), expected::toString);
        assertEquals(expected, received(events));
        assertTrue(touched.cause().endsWith("bans on CN"), touched.cause());
        assertEquals(List.of("CN"), touched.change().bans());
    }

    @Test
    void nothingInForceChangedTouchesNothing() {
        OwnershipGraph graph = new OwnershipGraph(new GraphFixture.MovableClock(START));
        new GraphFixture(graph).company("ru", "RU").company("x", "DE");
        dated(graph, "ru", "x", B_FROM);
        ForceChanges.Touched touched =
                ForceChanges.between(graph, rules.parameters().bans(), START.getEpochSecond(), A_FROM.getEpochSecond());
        assertTrue(touched.isEmpty());
    }
}
