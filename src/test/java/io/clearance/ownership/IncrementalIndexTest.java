package io.clearance.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.ownership.evidence.ExtensionFinding;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.ownership.index.RestrictedByExtension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The restriction index is kept current change by change (forward propagation for growth, delete and
 * re-derive for shrinkage). After every one of thousands of random changes to small dense graphs full of
 * cycles, each party's status and aggregate must equal a from-scratch brute-force fixpoint.
 */
class IncrementalIndexTest {

    private static final long SEED = Long.getLong("clearance.randomSeed", 7_2026L);
    private static final List<String> COUNTRIES = List.of("CN", "RU", "US", "DE", "SG");
    private static final PartyKind[] KINDS = PartyKind.values();

    @Test
    void everyChangeLeavesTheLeastFixpoint() {
        Random random = new Random(SEED);
        for (int graphNumber = 0; graphNumber < 60; graphNumber++) {
            int size = 6 + random.nextInt(8);
            RestrictionCriteria criteria = new RestrictionCriteria(
                    Set.of("CN", "RU"),
                    Set.of(PartyKind.COMPANY, PartyKind.GOVERNMENT, PartyKind.UNIVERSITY),
                    Share.fromPercent(random.nextBoolean() ? "50" : "30"),
                    random.nextBoolean() ? Comparison.GREATER_THAN : Comparison.AT_LEAST);
            Map<String, BruteForceOracle.Party> parties = new LinkedHashMap<>();
            Map<String, BruteForceOracle.Stake> stakes = new LinkedHashMap<>();
            OwnershipGraph graph = new OwnershipGraph();
            for (int i = 0; i < size; i++) {
                putParty(graph, parties, "p" + i, random);
            }
            RestrictedByExtension walk =
                    new RestrictedByExtension(graph, criteria).prepare(Bound.LOWER); // index exists from here on
            for (int step = 0; step < 80; step++) {
                String change = change(graph, parties, stakes, random);
                BruteForceOracle oracle =
                        BruteForceOracle.solve(List.copyOf(parties.values()), List.copyOf(stakes.values()), criteria);
                for (String id : parties.keySet()) {
                    ExtensionFinding finding = walk.evaluate(id);
                    String context = "seed " + SEED + ", graph " + graphNumber + ", step " + step + " (" + change
                            + "), party " + id;
                    assertEquals(oracle.restrictedShare(id), finding.restrictedShare(), context + ": aggregate");
                    assertEquals(oracle.exceeded(id), finding.exceeded(), context + ": exceeded");
                }
            }
        }
    }

    /** One random change, applied to the graph and to the oracle's description alike; says what it was. */
    private static String change(
            OwnershipGraph graph,
            Map<String, BruteForceOracle.Party> parties,
            Map<String, BruteForceOracle.Stake> stakes,
            Random random) {
        List<String> ids = new ArrayList<>(parties.keySet());
        String owned = ids.get(random.nextInt(ids.size()));
        String owner = ids.get(random.nextInt(ids.size()));
        int kind = random.nextInt(10);
        if (kind < 5 && !owned.equals(owner)) {
            long held = stakes.values().stream()
                    .filter(s -> s.ownedId().equals(owned) && !s.ownerId().equals(owner))
                    .mapToLong(BruteForceOracle.Stake::share)
                    .sum();
            long room = Share.HUNDRED_PERCENT - held;
            if (room <= 0) {
                return "nothing";
            }
            long share = 1 + (long) (random.nextDouble() * room);
            graph.putStake(owned, owner, share);
            stakes.put(owner + ">" + owned, new BruteForceOracle.Stake(owner, owned, share));
            return "stake " + owner + "->" + owned + " " + Share.toPercent(share) + "%";
        }
        if (kind < 8 && !stakes.isEmpty()) {
            List<String> keys = new ArrayList<>(stakes.keySet());
            BruteForceOracle.Stake removed = stakes.remove(keys.get(random.nextInt(keys.size())));
            graph.removeStake(removed.ownedId(), removed.ownerId());
            return "unstake " + removed.ownerId() + "->" + removed.ownedId();
        }
        if (kind < 9) {
            putParty(graph, parties, owned, random);
            return "party " + parties.get(owned);
        }
        graph.removeParty(owned);
        parties.remove(owned);
        stakes.values().removeIf(s -> s.ownedId().equals(owned) || s.ownerId().equals(owned));
        putParty(graph, parties, "n" + random.nextInt(1_000_000), random);
        return "removed " + owned;
    }

    private static void putParty(
            OwnershipGraph graph, Map<String, BruteForceOracle.Party> parties, String id, Random random) {
        PartyKind kind = KINDS[random.nextInt(KINDS.length)];
        String country = COUNTRIES.get(random.nextInt(COUNTRIES.size()));
        graph.putParty(new PartyInfo(id, id, kind, country, null));
        parties.put(id, new BruteForceOracle.Party(id, kind, country));
    }
}
