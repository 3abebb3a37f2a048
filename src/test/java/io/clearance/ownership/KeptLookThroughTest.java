package io.clearance.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.domain.ControlBasis;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.ownership.evidence.EvidenceLimits;
import io.clearance.ownership.graph.GraphLoader;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.ownership.graph.StakeSource;
import io.clearance.ownership.lookthrough.KeptLookThrough;
import io.clearance.ownership.lookthrough.LookThrough;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The kept look-through ({@link KeptLookThrough}) answers as a fresh solve does. After every one of
 * thousands of random changes (stakes exact, ranged, control-only and dated; parties added, changed and
 * removed; the clock moved across changes of force) to small dense graphs full of cycles, every party's
 * kept bounds equal a fresh {@link LookThrough} solve, and the findings of both semantics through the port
 * ({@link FindingService}, for now) equal those it gives for the same instant named explicitly, which it
 * computes without any kept look-through; so does their evidence, byte for byte, although the port keeps a
 * look-through finding's evidence (and the sources of its stakes, which the registry's first stakes have)
 * with the kept finding, built once.
 */
class KeptLookThroughTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    // Small enough that long chains of the random graphs are cut, so the limits are part of what is compared.
    private static final EvidenceLimits LIMITS = new EvidenceLimits(3, 6, 3);

    private static final long SEED = Long.getLong("clearance.randomSeed", 12_2026L);
    private static final List<String> COUNTRIES = List.of("CN", "RU", "US", "DE", "SG");
    private static final PartyKind[] KINDS = PartyKind.values();
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final long DAY = 86_400;

    @Test
    void everyChangeLeavesTheKeptFindingsEqualToAFreshSolve() {
        Random random = new Random(SEED);
        int served = 0;
        for (int graphNumber = 0; graphNumber < 40; graphNumber++) {
            MovableClock clock = new MovableClock(START);
            OwnershipGraph graph = new OwnershipGraph(clock);
            RestrictionCriteria criteria = new RestrictionCriteria(
                    Set.of("CN", "RU"),
                    Set.of(PartyKind.COMPANY, PartyKind.GOVERNMENT, PartyKind.UNIVERSITY),
                    Share.fromPercent(random.nextBoolean() ? "25" : "10"),
                    random.nextBoolean() ? Comparison.GREATER_THAN : Comparison.AT_LEAST,
                    ControlBasis.CONSOLIDATION.bit(),
                    random.nextBoolean());
            List<Measure> measures = List.of(
                    new Measure("majority", Semantics.RESTRICTED_BY_EXTENSION, criteria),
                    new Measure("indirect", Semantics.LOOK_THROUGH, criteria));
            Map<String, Map<String, StakeTerms>> stakesInto = new LinkedHashMap<>();
            load(graph, stakesInto, 6 + random.nextInt(7), random);
            KeptLookThrough kept = KeptLookThrough.of(graph);
            for (int step = 0; step < 70; step++) {
                String change = change(graph, clock, stakesInto, random);
                String context = "seed " + SEED + ", graph " + graphNumber + ", step " + step + " (" + change + ")";
                LookThrough fresh = new LookThrough(graph, criteria);
                // Twice: the first read may compute and keep, the second must serve what was kept.
                for (int pass = 0; pass < 2; pass++) {
                    for (String id : stakesInto.keySet()) {
                        assertEquals(
                                fresh.evaluateBounds(id, null),
                                kept.bounds(criteria, id),
                                context + ", pass " + pass + ", party " + id);
                    }
                }
                List<PartyInfo> parties = graph.read(() -> stakesInto.keySet().stream()
                        .map(id -> graph.party(id).orElseThrow())
                        .toList());
                FindingService port = new FindingService(graph);
                // Prepared outside the read, as the decider does: preparing a kept index takes the write lock.
                FindingService.Finder forNowFinder = port.prepare(measures, null, LIMITS);
                FindingService.Finder atNowFinder = port.prepare(measures, clock.instant(), LIMITS);
                List<PreparedFinding> forNow = graph.read(() -> forNowFinder.prepared(parties));
                List<PreparedFinding> atNow = graph.read(() -> atNowFinder.prepared(parties));
                assertEquals(
                        atNow.stream().map(PreparedFinding::finding).toList(),
                        forNow.stream().map(PreparedFinding::finding).toList(),
                        context + ": both semantics through the port");
                // The kept evidence may have been built steps ago: still the bytes a fresh solve's evidence gives.
                assertEquals(evidence(atNow), evidence(forNow), context + ": the evidence, kept or not");
                served += stakesInto.size();
            }
            assertTrue(kept.size(criteria) > 0, "the kept look-through keeps findings");
        }
        assertTrue(served > 10_000, "enough parties compared: " + served);
    }

    @Test
    void aSecondReadServesTheKeptFindingUntilAChangeUpstream() {
        OwnershipGraph graph = new OwnershipGraph();
        RestrictionCriteria criteria = new RestrictionCriteria(
                Set.of("CN"), Set.of(PartyKind.COMPANY), Share.fromPercent("25"), Comparison.AT_LEAST);
        for (String id : List.of("cn", "a", "b", "other")) {
            graph.putParty(new PartyInfo(id, id, PartyKind.COMPANY, id.equals("cn") ? "CN" : "US", null));
        }
        graph.putStake("a", "cn", Share.fromPercent("50"));
        graph.putStake("b", "a", Share.fromPercent("60"));
        KeptLookThrough kept = KeptLookThrough.of(graph);
        LookThrough.Bounds first = kept.bounds(criteria, "b");
        assertSame(first, kept.bounds(criteria, "b"), "kept, not solved again");
        LookThrough.Bounds other = kept.bounds(criteria, "other");
        graph.putStake("a", "other", Share.fromPercent("10")); // upstream of b, not of other
        assertSame(other, kept.bounds(criteria, "other"), "a change elsewhere keeps the finding");
        LookThrough.Bounds after = kept.bounds(criteria, "b");
        assertTrue(after != first, "a change upstream drops the finding");
        assertEquals(new LookThrough(graph, criteria).evaluateBounds("b", null), after);
        graph.putParty(new PartyInfo("cn", "renamed", PartyKind.COMPANY, "CN", null));
        assertEquals(
                "renamed",
                kept.bounds(criteria, "b")
                        .lower()
                        .paths()
                        .get(0)
                        .parties()
                        .get(0)
                        .name());
    }

    @Test
    void theEvidenceIsBuiltOnceAndDroppedWithTheFinding() {
        OwnershipGraph graph = new OwnershipGraph();
        RestrictionCriteria criteria = new RestrictionCriteria(
                Set.of("CN"), Set.of(PartyKind.COMPANY), Share.fromPercent("25"), Comparison.AT_LEAST);
        for (String id : List.of("cn", "a", "b", "other")) {
            graph.putParty(new PartyInfo(id, id, PartyKind.COMPANY, id.equals("cn") ? "CN" : "US", null));
        }
        graph.putStake("a", "cn", Share.fromPercent("50"));
        graph.putStake("b", "a", Share.fromPercent("60"));
        List<Measure> measures = List.of(new Measure("indirect", Semantics.LOOK_THROUGH, criteria));
        FindingService port = new FindingService(graph);
        PreparedFinding first = prepared(graph, port.prepare(measures, null), "b");
        assertSame(first, prepared(graph, port.prepare(measures, null), "b"), "kept with the finding");
        assertSame(first.evidence(), first.evidence(), "built once");
        assertTrue(
                prepared(graph, port.prepare(measures, null, LIMITS), "b") != first,
                "other limits: evidence of its own");
        PreparedFinding other = prepared(graph, port.prepare(measures, null), "other");
        graph.putStake("a", "other", Share.fromPercent("10")); // upstream of b, not of other
        assertSame(other, prepared(graph, port.prepare(measures, null), "other"), "a change elsewhere keeps it");
        PreparedFinding after = prepared(graph, port.prepare(measures, null), "b");
        assertTrue(after != first, "a change upstream drops the evidence with the finding");
        graph.putParty(new PartyInfo("cn", "renamed", PartyKind.COMPANY, "CN", null));
        assertEquals(
                "`cn` (renamed, CN) -50%-> `a` (a, US) -60%-> `b` (b, US)",
                prepared(graph, port.prepare(measures, null), "b")
                        .evidence()
                        .paths()
                        .get(0)
                        .text());
    }

    private static PreparedFinding prepared(OwnershipGraph graph, FindingService.Finder finder, String party) {
        return graph.read(() -> finder.prepared(List.of(graph.party(party).orElseThrow())))
                .get(0);
    }

    /** Evidence as the answer writes it. */
    private static List<String> evidence(List<PreparedFinding> findings) {
        List<String> texts = new ArrayList<>();
        for (PreparedFinding finding : findings) {
            try {
                texts.add(JSON.writeValueAsString(finding.evidence()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return texts;
    }

    /**
     * {@code size} parties and as many stakes, loaded as an import loads them: each stake with its source, so
     * that the evidence names sources until a change through the API replaces the stake (with none).
     */
    private static void load(
            OwnershipGraph graph, Map<String, Map<String, StakeTerms>> stakesInto, int size, Random random) {
        GraphLoader loader = graph.loader();
        for (int i = 0; i < size; i++) {
            PartyKind kind = KINDS[random.nextInt(KINDS.length)];
            String country = COUNTRIES.get(random.nextInt(COUNTRIES.size()));
            loader.party(new PartyInfo("p" + i, "p" + i + random.nextInt(3), kind, country, null));
            stakesInto.put("p" + i, new LinkedHashMap<>());
        }
        for (int i = 0; i < size; i++) {
            String owned = "p" + random.nextInt(size);
            String owner = "p" + random.nextInt(size);
            if (owned.equals(owner) || stakesInto.get(owned).containsKey(owner)) {
                continue;
            }
            // At most 40% each, so that no party's stakes add up past the whole.
            StakeTerms terms = StakeTerms.exact(1 + random.nextInt((int) (Share.HUNDRED_PERCENT * 2 / 5)));
            if (stakesInto.get(owned).values().stream()
                                    .mapToLong(StakeTerms::max)
                                    .sum()
                            + terms.max()
                    > Share.HUNDRED_PERCENT) {
                continue;
            }
            loader.stake(owned, owner, terms, new StakeSource("gleif", owner + "-" + owned, LocalDate.of(2025, 1, 2)));
            stakesInto.get(owned).put(owner, terms);
        }
        loader.commit();
    }

    /** One random change, applied to the graph and to the stakes the test tracks; says what it was. */
    private static String change(
            OwnershipGraph graph, MovableClock clock, Map<String, Map<String, StakeTerms>> stakesInto, Random random) {
        List<String> ids = new ArrayList<>(stakesInto.keySet());
        String owned = ids.get(random.nextInt(ids.size()));
        String owner = ids.get(random.nextInt(ids.size()));
        int kind = random.nextInt(14);
        if (kind < 6 && !owned.equals(owner)) {
            Map<String, StakeTerms> into = stakesInto.get(owned);
            long held = into.entrySet().stream()
                    .filter(e -> !e.getKey().equals(owner))
                    .mapToLong(e -> e.getValue().min())
                    .sum();
            long room = Share.HUNDRED_PERCENT - held;
            if (room <= 1) {
                return "nothing";
            }
            long min = 1 + (long) (random.nextDouble() * (room - 1));
            StakeTerms terms = switch (random.nextInt(5)) {
                case 0 -> StakeTerms.between(min - 1, Math.min(Share.HUNDRED_PERCENT, min + random.nextInt(4_000_000)));
                case 1 -> StakeTerms.control(Set.of(ControlBasis.CONSOLIDATION));
                case 2 ->
                    StakeTerms.exact(min)
                            .during(
                                    clock.instant().plusSeconds(random.nextInt(5) * DAY),
                                    random.nextBoolean()
                                            ? null
                                            : clock.instant().plusSeconds((5 + random.nextInt(5)) * DAY));
                default -> StakeTerms.exact(min);
            };
            if (terms.min() == terms.max() && (terms.minExclusive() || terms.maxExclusive())) {
                terms = StakeTerms.exact(min);
            }
            graph.putStake(owned, owner, terms);
            into.put(owner, terms);
            return "stake " + owner + "->" + owned + " " + terms;
        }
        if (kind < 9) {
            List<String[]> all = new ArrayList<>();
            stakesInto.forEach((into, owners) -> owners.keySet().forEach(o -> all.add(new String[] {o, into})));
            if (all.isEmpty()) {
                return "nothing";
            }
            String[] removed = all.get(random.nextInt(all.size()));
            graph.removeStake(removed[1], removed[0]);
            stakesInto.get(removed[1]).remove(removed[0]);
            return "unstake " + removed[0] + "->" + removed[1];
        }
        if (kind < 11) {
            clock.advance(random.nextInt(4) * DAY + random.nextInt(2));
            return "clock " + clock.instant();
        }
        if (kind < 13) {
            putParty(graph, stakesInto, owned, random);
            return "party " + graph.party(owned).orElseThrow();
        }
        graph.removeParty(owned);
        stakesInto.remove(owned);
        stakesInto.values().forEach(owners -> owners.remove(owned));
        putParty(graph, stakesInto, "n" + random.nextInt(1_000_000), random);
        return "removed " + owned;
    }

    private static void putParty(
            OwnershipGraph graph, Map<String, Map<String, StakeTerms>> stakesInto, String id, Random random) {
        PartyKind kind = KINDS[random.nextInt(KINDS.length)];
        String country = COUNTRIES.get(random.nextInt(COUNTRIES.size()));
        graph.putParty(new PartyInfo(id, id + random.nextInt(3), kind, country, null));
        stakesInto.putIfAbsent(id, new LinkedHashMap<>());
    }

    /** A clock the test moves forward, to bring dated stakes into and out of force. */
    private static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
