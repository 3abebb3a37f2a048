package io.clearance.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.ownership.BruteForceOracle.Party;
import io.clearance.ownership.BruteForceOracle.Stake;
import io.clearance.ownership.evidence.ExtensionFinding;
import io.clearance.ownership.evidence.OwnershipPath;
import io.clearance.ownership.evidence.RestrictedOwner;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.ownership.index.RestrictedByExtension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link RestrictedByExtension} against {@link BruteForceOracle} on random graphs: one large graph
 * shaped like a registry (corporate groups with cycles, funds holding across groups, deep chains, ties at
 * exactly 50%) and many tiny dense ones where every party is checked. Besides the verdicts it checks that
 * every proof is a real proof: paths start at seeds and follow stakes that exist, and the restricted
 * owners add up to the share reported.
 *
 * <p>Graphs come from {@link Random} with a fixed seed, named in every failure message; run with
 * {@code -Dclearance.randomSeed=N} to try another one.
 */
class RandomGraphOracleTest {

    private static final long SEED = Long.getLong("clearance.randomSeed", 20_240_611L);

    private static final List<String> BANNED = List.of("CN", "RU", "IR", "KP");
    private static final List<String> ELSEWHERE = List.of("DE", "FR", "US", "GB", "SG", "JP", "CH", "NL", "AE", "IN");
    private static final Set<PartyKind> ORGANISATIONS =
            EnumSet.of(PartyKind.COMPANY, PartyKind.GOVERNMENT, PartyKind.UNIVERSITY);
    private static final long HUNDREDTH = Share.fromPercent("0.01");

    private static final int PARTIES = 30_000;
    private static final int FUNDS = 300;
    private static final int CHAINS = 25;
    private static final int SAMPLED_RESTRICTED_CAP = 2_500;
    private static final int SAMPLED_OTHERS = 2_000;

    @Test
    void largeRegistryShapedGraphAgreesWithTheOracle() {
        Random random = new Random(SEED);
        RandomGraph generated = RandomGraph.registryShaped(random, PARTIES);
        // The generator is part of what this test claims, so hold it to its description.
        assertEquals(PARTIES, generated.parties.size(), context("parties"));
        assertTrue(
                generated.stakes.size() > 90_000 && generated.stakes.size() < 115_000,
                () -> context("stakes: " + generated.stakes.size()));
        generated.checkIncomingAtMostHundredPercent();
        OwnershipGraph graph = generated.toGraph();

        List<RestrictionCriteria> variants = List.of(
                criteria(ORGANISATIONS, "50", Comparison.GREATER_THAN),
                criteria(ORGANISATIONS, "50", Comparison.AT_LEAST),
                criteria(EnumSet.allOf(PartyKind.class), "25", Comparison.AT_LEAST));
        for (RestrictionCriteria criteria : variants) {
            BruteForceOracle oracle = BruteForceOracle.solve(generated.parties, generated.stakes, criteria);
            Set<String> seeds = new HashSet<>();
            List<String> byExtension = new ArrayList<>();
            for (Party party : generated.parties) {
                if (oracle.isSeed(party.id())) {
                    seeds.add(party.id());
                } else if (oracle.isRestricted(party.id())) {
                    byExtension.add(party.id());
                }
            }
            String where = criteria.comparison() + " " + Share.toPercent(criteria.threshold()) + "% seeds "
                    + criteria.seedKinds() + ": " + seeds.size() + " seeds, " + byExtension.size()
                    + " restricted by extension, " + oracle.rounds() + " rounds";
            // A graph where nothing cascades would prove little; demand a real cascade.
            assertTrue(byExtension.size() > 500, () -> context(where));
            assertTrue(oracle.rounds() > 40, () -> context(where + ": deep chains should need many rounds"));

            Set<String> sample = new LinkedHashSet<>();
            Collections.shuffle(byExtension, random);
            sample.addAll(byExtension.subList(0, Math.min(SAMPLED_RESTRICTED_CAP, byExtension.size())));
            sample.addAll(generated.chainMembers);
            while (sample.size() < SAMPLED_RESTRICTED_CAP + generated.chainMembers.size() + SAMPLED_OTHERS) {
                sample.add(generated
                        .parties
                        .get(random.nextInt(generated.parties.size()))
                        .id());
            }
            RestrictedByExtension extension = new RestrictedByExtension(graph, criteria).prepare(Bound.LOWER);
            int truncated = 0;
            int longestPath = 0;
            for (String id : sample) {
                ExtensionFinding finding = extension.evaluate(id);
                check(finding, oracle, generated, criteria, where);
                truncated += finding.pathsTruncated() ? 1 : 0;
                for (OwnershipPath path : finding.paths()) {
                    longestPath = Math.max(longestPath, path.parties().size());
                }
            }
            // The sample must have reached the evidence limits, or their checks proved nothing.
            String reached = where + ": " + truncated + " truncated findings, longest path " + longestPath;
            assertTrue(truncated > 0, () -> context(reached));
            assertTrue(longestPath > 40, () -> context(reached));
        }
    }

    @Test
    void tinyDenseGraphsAgreeWithTheOracleForEveryPartyBeforeAndAfterRegistryChanges() {
        Random random = new Random(SEED + 1);
        for (int round = 0; round < 600; round++) {
            RandomGraph generated = RandomGraph.tinyDense(random, 5 + random.nextInt(8));
            OwnershipGraph graph = generated.toGraph();
            checkEveryParty(generated, graph, "tiny graph " + round);

            // Registry changes: the graph must forget a removed party and stake, and a newcomer that
            // takes a freed slot must not inherit the stakes of the party that held it.
            String gone = generated
                    .parties
                    .get(random.nextInt(generated.parties.size()))
                    .id();
            graph.removeParty(gone);
            generated.removeParty(gone);
            if (!generated.stakes.isEmpty()) {
                Stake dropped = generated.stakes.get(random.nextInt(generated.stakes.size()));
                graph.removeStake(dropped.ownedId(), dropped.ownerId());
                generated.removeStake(dropped);
            }
            Party newcomer = new Party("n" + round, PartyKind.COMPANY, random.nextBoolean() ? "CN" : "DE");
            generated.addParty(newcomer);
            graph.putParty(new PartyInfo(newcomer.id(), "Newcomer", newcomer.kind(), newcomer.country(), null));
            for (int i = 0; i < 3; i++) {
                String other = generated
                        .parties
                        .get(random.nextInt(generated.parties.size() - 1))
                        .id();
                long share = Share.fromPercent(Integer.toString(5 * (1 + random.nextInt(12))));
                String owner = random.nextBoolean() ? newcomer.id() : other;
                String owned = owner.equals(other) ? newcomer.id() : other;
                if (generated.addStake(owner, owned, share)) {
                    graph.putStake(owned, owner, share);
                }
            }
            checkEveryParty(generated, graph, "tiny graph " + round + " after removing " + gone);
        }
    }

    private static void checkEveryParty(RandomGraph generated, OwnershipGraph graph, String name) {
        List<RestrictionCriteria> variants = List.of(
                criteria(ORGANISATIONS, "50", Comparison.GREATER_THAN),
                criteria(ORGANISATIONS, "50", Comparison.AT_LEAST),
                criteria(EnumSet.allOf(PartyKind.class), "30", Comparison.GREATER_THAN),
                criteria(EnumSet.of(PartyKind.GOVERNMENT), "20", Comparison.AT_LEAST));
        String description = generated.describe();
        for (RestrictionCriteria criteria : variants) {
            BruteForceOracle oracle = BruteForceOracle.solve(generated.parties, generated.stakes, criteria);
            RestrictedByExtension extension = new RestrictedByExtension(graph, criteria).prepare(Bound.LOWER);
            String where = name + " " + criteria.comparison() + " " + Share.toPercent(criteria.threshold()) + "% seeds "
                    + criteria.seedKinds() + " " + description;
            for (Party party : generated.parties) {
                check(extension.evaluate(party.id()), oracle, generated, criteria, where);
            }
        }
    }

    // ---- the check ----

    private static void check(
            ExtensionFinding finding,
            BruteForceOracle oracle,
            RandomGraph graph,
            RestrictionCriteria criteria,
            String where) {
        String id = finding.party().id();
        String at = where + ", party " + id;
        assertEquals(oracle.exceeded(id), finding.exceeded(), () -> context(at + ": exceeded"));
        assertEquals(oracle.restrictedShare(id), finding.restrictedShare(), () -> context(at + ": restrictedShare"));

        // The restricted owners are exactly the oracle's, with their real stakes, and add up.
        Map<String, Long> listed = new HashMap<>();
        long sum = 0;
        for (RestrictedOwner owner : finding.owners()) {
            listed.put(owner.party().id(), owner.stake());
            sum += owner.stake();
        }
        assertEquals(oracle.restrictedOwners(id), listed, () -> context(at + ": restricted owners"));
        assertEquals(finding.restrictedShare(), sum, () -> context(at + ": owners add up to restrictedShare"));
        for (int i = 1; i < finding.owners().size(); i++) {
            assertTrue(
                    finding.owners().get(i - 1).stake()
                            >= finding.owners().get(i).stake(),
                    () -> context(at + ": owners largest first"));
        }
        Set<String> expanded = new HashSet<>();
        Set<String> abbreviated = new HashSet<>();
        for (RestrictedOwner owner : finding.owners()) {
            checkProofNode(owner, id, oracle, graph, criteria, expanded, abbreviated, at, finding.exceeded());
        }
        assertTrue(expanded.containsAll(abbreviated), () -> context(at + ": an owner shown above was never shown"));

        checkPaths(finding, oracle, graph, criteria, at);
    }

    /** One node of the proof tree: a real stake, a restricted owner, and, unless a seed, its own grounding. */
    private static void checkProofNode(
            RestrictedOwner node,
            String heldId,
            BruteForceOracle oracle,
            RandomGraph graph,
            RestrictionCriteria criteria,
            Set<String> expanded,
            Set<String> abbreviated,
            String at,
            boolean proofBuilt) {
        String id = node.party().id();
        String here = at + ": proof node " + id + " above " + heldId;
        assertEquals(graph.stake(id, heldId), node.stake(), () -> context(here + ": stake"));
        assertTrue(oracle.isRestricted(id), () -> context(here + ": not restricted"));
        assertEquals(oracle.isSeed(id), node.seed(), () -> context(here + ": seed flag"));
        if (node.seed()) {
            assertEquals(List.of(), node.owners(), () -> context(here));
            return;
        }
        assertTrue(
                node.party().kind().isOrganisation(), () -> context(here + ": an individual restricted by extension"));
        assertTrue(passes(criteria, node.restrictedShare()), () -> context(here + ": grounding share does not pass"));
        if (!proofBuilt) {
            // Below the threshold only the direct restricted owners are listed; their grounding is not built.
            assertEquals(
                    List.of(), node.owners(), () -> context(here + ": proof built for a finding below the threshold"));
            return;
        }
        if (node.shownAbove()) {
            assertEquals(List.of(), node.owners(), () -> context(here));
            abbreviated.add(id);
            return;
        }
        assertTrue(expanded.add(id), () -> context(here + ": expanded twice"));
        long sum = 0;
        for (RestrictedOwner owner : node.owners()) {
            sum += owner.stake();
            checkProofNode(owner, id, oracle, graph, criteria, expanded, abbreviated, at, true);
        }
        assertEquals(node.restrictedShare(), sum, () -> context(here + ": owners add up to its restrictedShare"));
    }

    private static void checkPaths(
            ExtensionFinding finding,
            BruteForceOracle oracle,
            RandomGraph graph,
            RestrictionCriteria criteria,
            String at) {
        String target = finding.party().id();
        List<OwnershipPath> paths = finding.paths();
        // A seed can be exceeded only through owners it restricts itself (it holds them, they hold it);
        // no path from a seed avoids it then. Any other exceeded party is grounded in some other seed.
        if (finding.exceeded() && !oracle.isSeed(target) && criteria.threshold() > 0) {
            assertFalse(paths.isEmpty(), () -> context(at + ": exceeded without a path"));
        }
        assertTrue(paths.size() <= ExtensionFinding.MAX_PATHS, () -> context(at));
        if (finding.pathsTruncated()) {
            assertEquals(ExtensionFinding.MAX_PATHS, paths.size(), () -> context(at + ": truncated below the limit"));
            // What is left out must contribute no more than what is shown. A seed holding the party
            // directly is a path of one hop, so each one larger than the smallest shown must be listed.
            long smallestShown = paths.get(paths.size() - 1).contribution();
            Set<List<String>> shown = new HashSet<>();
            paths.forEach(
                    path -> shown.add(path.parties().stream().map(PartyInfo::id).toList()));
            oracle.restrictedOwners(target).forEach((owner, stake) -> {
                if (oracle.isSeed(owner) && stake > smallestShown) {
                    assertTrue(
                            shown.contains(List.of(owner, target)),
                            () -> context(at + ": left out the path from seed " + owner + " with " + stake));
                }
            });
        }
        Set<List<String>> distinct = new HashSet<>();
        for (int p = 0; p < paths.size(); p++) {
            OwnershipPath path = paths.get(p);
            List<String> ids = path.parties().stream().map(PartyInfo::id).toList();
            String here = at + ": path " + ids;
            assertTrue(distinct.add(ids), () -> context(here + ": listed twice"));
            assertEquals(ids.size() - 1, path.stakes().size(), () -> context(here));
            assertTrue(ids.size() >= 2, () -> context(here));
            assertTrue(oracle.isSeed(ids.get(0)), () -> context(here + ": does not start at a seed"));
            assertEquals(target, ids.get(ids.size() - 1), () -> context(here + ": does not end at the party"));
            assertEquals(ids.size(), new HashSet<>(ids).size(), () -> context(here + ": visits a party twice"));
            for (int i = 0; i + 1 < ids.size(); i++) {
                String owner = ids.get(i);
                String owned = ids.get(i + 1);
                assertTrue(oracle.isRestricted(owner), () -> context(here + ": " + owner + " is not restricted"));
                assertEquals(
                        graph.stake(owner, owned),
                        path.stakes().get(i),
                        () -> context(here + ": stake " + owner + " -> " + owned));
            }
            if (p > 0) {
                assertTrue(paths.get(p - 1).contribution() >= path.contribution(), () -> context(here + ": order"));
            }
        }
    }

    // ---- helpers ----

    private static boolean passes(RestrictionCriteria criteria, long share) {
        return criteria.comparison() == Comparison.GREATER_THAN
                ? share > criteria.threshold()
                : share >= criteria.threshold();
    }

    private static RestrictionCriteria criteria(Set<PartyKind> seedKinds, String threshold, Comparison comparison) {
        return new RestrictionCriteria(Set.copyOf(BANNED), seedKinds, Share.fromPercent(threshold), comparison);
    }

    private static String context(String message) {
        return "random seed " + SEED + " (rerun with -Dclearance.randomSeed=" + SEED + "): " + message;
    }

    /** A random graph description, loadable both into the oracle and into an {@link OwnershipGraph}. */
    private static final class RandomGraph {

        final Random random;
        final List<Party> parties = new ArrayList<>();
        final List<Stake> stakes = new ArrayList<>();
        final List<String> chainMembers = new ArrayList<>();
        private final Map<String, Long> stakeByPair = new HashMap<>();
        private final Map<String, Long> incoming = new HashMap<>();

        private RandomGraph(Random random) {
            this.random = random;
        }

        /**
         * Shaped like a registry: funds (some in banned jurisdictions) that hold each other and small stakes
         * across the registry; corporate groups of power-law size whose members hold each other in cycles,
         * with power-law owner counts; chains of 40 to 90 majority hops, a few of them broken by a hop of
         * exactly 50%; and owners whose stakes reach exactly 50% together. Stakes are whole hundredths of
         * a percent and no party is held more than 100% in total. Groups only hold into themselves, so one
         * evaluation walks one group and the funds: that keeps thousands of evaluations cheap.
         */
        static RandomGraph registryShaped(Random random, int partyCount) {
            RandomGraph g = new RandomGraph(random);
            List<Integer> funds = new ArrayList<>();
            for (int i = 0; i < FUNDS; i++) {
                funds.add(g.addParty(random.nextBoolean() ? PartyKind.GOVERNMENT : PartyKind.COMPANY, 0.08));
            }
            for (int fund : funds) {
                g.allocateOwners(fund, pick(random, funds, fund, random.nextInt(4)), false);
            }

            for (int c = 0; c < CHAINS; c++) {
                int length = 40 + random.nextInt(51);
                int previous = g.addParty(PartyKind.COMPANY, 1.0);
                List<Integer> chain = new ArrayList<>(List.of(previous));
                for (int hop = 1; hop <= length; hop++) {
                    int next = g.addParty(PartyKind.COMPANY, 0.0);
                    double roll = random.nextDouble();
                    String percent = roll < 0.03 ? "50" : roll < 0.06 ? "50.01" : "51";
                    g.addStake(previous, next, Share.fromPercent(percent));
                    chain.add(next);
                    previous = next;
                }
                // Minority stakes along the chain, forward and backward, make it a tangle of cycles.
                for (int member : chain) {
                    for (int extra = random.nextInt(3); extra > 0; extra--) {
                        int owner = chain.get(random.nextInt(chain.size()));
                        g.addStake(owner, member, hundredths(1 + random.nextInt(2_000)));
                    }
                    if (random.nextInt(10) == 0) {
                        int fund = funds.get(random.nextInt(funds.size()));
                        g.addStake(fund, member, hundredths(1 + random.nextInt(1_500)));
                    }
                    g.chainMembers.add(g.parties.get(member).id());
                }
            }

            while (g.parties.size() < partyCount) {
                // Power-law group sizes: mostly a handful of parties, now and then a conglomerate.
                int size = Math.min(1_500, 2 + (int) (6 / (1 - random.nextDouble())));
                size = Math.min(size, partyCount - g.parties.size());
                g.addGroup(size, funds);
            }
            return g;
        }

        /** 5 to 12 parties, each holding each other with probability one half, in multiples of 5% or of 1%. */
        static RandomGraph tinyDense(Random random, int size) {
            RandomGraph g = new RandomGraph(random);
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                double roll = random.nextDouble();
                PartyKind kind =
                        roll < 0.2 ? PartyKind.INDIVIDUAL : roll < 0.35 ? PartyKind.GOVERNMENT : PartyKind.COMPANY;
                members.add(g.addParty(kind, 0.25));
            }
            for (int member : members) {
                List<Integer> owners = new ArrayList<>();
                for (int other : members) {
                    if (other != member && random.nextBoolean()) {
                        owners.add(other);
                    }
                }
                // Coarse stakes (multiples of 5%, sometimes 1%) so sums land on thresholds exactly.
                long unit = random.nextInt(4) == 0 ? Share.fromPercent("1") : Share.fromPercent("5");
                long left = Share.HUNDRED_PERCENT;
                Collections.shuffle(owners, random);
                for (int owner : owners) {
                    long units = (1 + random.nextInt(12)) * unit;
                    if (units > left) {
                        break;
                    }
                    g.addStake(owner, member, units);
                    left -= units;
                }
            }
            return g;
        }

        /** A corporate group: members hold each other, early members more often; funds hold some. */
        private void addGroup(int size, List<Integer> funds) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                double roll = random.nextDouble();
                PartyKind kind = roll < 0.18
                        ? PartyKind.INDIVIDUAL
                        : roll < 0.24 ? PartyKind.GOVERNMENT : roll < 0.30 ? PartyKind.UNIVERSITY : PartyKind.COMPANY;
                members.add(addParty(kind, kind == PartyKind.INDIVIDUAL ? 0.05 : 0.03));
            }
            // Seeds under the organisation-only criteria; under criteria that name individuals, all of them.
            List<Integer> banned = members.stream().filter(this::isBanned).toList();
            for (int member : members) {
                boolean individual = parties.get(member).kind() == PartyKind.INDIVIDUAL;
                if (size < 2 || (individual && random.nextInt(10) != 0)) {
                    continue;
                }
                // Power-law owner count: most parties have one or two owners, a few have a hundred or more.
                int count = Math.min(size - 1, Math.min(150, (int) Math.pow(1 / (1 - random.nextDouble()), 0.9)));
                Set<Integer> owners = new LinkedHashSet<>();
                if (!banned.isEmpty() && random.nextInt(25) == 0) {
                    // Seeds that hold exactly 50% together: the boundary between the two comparisons.
                    tieOwners(member, banned, owners);
                }
                while (owners.size() < count) {
                    // Squaring skews the choice towards early members: a few parties hold a great deal.
                    double u = random.nextDouble();
                    int owner = members.get((int) (u * u * size));
                    if (owner != member) {
                        owners.add(owner);
                    }
                }
                if (random.nextInt(7) == 0) {
                    owners.add(funds.get(random.nextInt(funds.size())));
                }
                allocateOwners(member, new ArrayList<>(owners), true);
            }
        }

        private void tieOwners(int member, List<Integer> banned, Set<Integer> owners) {
            List<Integer> chosen =
                    new ArrayList<>(new LinkedHashSet<>(pick(random, banned, member, 1 + random.nextInt(3))));
            chosen.remove(Integer.valueOf(member));
            if (chosen.isEmpty()) {
                return;
            }
            List<Long> parts = split(5_000, chosen.size());
            for (int i = 0; i < chosen.size(); i++) {
                addStake(chosen.get(i), member, hundredths(parts.get(i)));
                owners.add(chosen.get(i));
            }
        }

        /** Gives {@code owned} stakes from {@code owners} (skipping those already set) within what is left of 100%. */
        private void allocateOwners(int owned, List<Integer> owners, boolean oftenControlled) {
            List<Integer> fresh = new ArrayList<>();
            for (int owner : owners) {
                if (owner != owned && !stakeByPair.containsKey(key(id(owner), id(owned)))) {
                    fresh.add(owner);
                }
            }
            long left = (Share.HUNDRED_PERCENT - incoming.get(id(owned))) / HUNDREDTH;
            if (fresh.isEmpty() || left < fresh.size()) {
                return;
            }
            // Either nearly all of the party is held by these owners or only part of it (free float).
            long total = oftenControlled && random.nextInt(3) != 0
                    ? Math.max(fresh.size(), left - random.nextInt((int) Math.min(left, 1_000) + 1))
                    : fresh.size() + (long) (random.nextDouble() * (left - fresh.size()));
            List<Long> parts = split(total, fresh.size());
            for (int i = 0; i < fresh.size(); i++) {
                addStake(fresh.get(i), owned, hundredths(parts.get(i)));
            }
        }

        /** {@code total} hundredths cut into {@code count} positive parts at random points. */
        private List<Long> split(long total, int count) {
            Set<Long> cuts = new HashSet<>();
            while (cuts.size() < count - 1) {
                cuts.add(1 + (long) (random.nextDouble() * (total - 1)));
            }
            List<Long> points = new ArrayList<>(cuts);
            points.add(0L);
            points.add(total);
            Collections.sort(points);
            List<Long> parts = new ArrayList<>();
            for (int i = 1; i < points.size(); i++) {
                parts.add(points.get(i) - points.get(i - 1));
            }
            Collections.shuffle(parts, random);
            return parts;
        }

        private int addParty(PartyKind kind, double bannedProbability) {
            int index = parties.size();
            String country = random.nextDouble() < bannedProbability
                    ? BANNED.get(random.nextInt(BANNED.size()))
                    : ELSEWHERE.get(random.nextInt(ELSEWHERE.size()));
            addParty(new Party("p" + index, kind, country));
            return index;
        }

        void addParty(Party party) {
            parties.add(party);
            incoming.put(party.id(), 0L);
        }

        private void addStake(int owner, int owned, long share) {
            addStake(id(owner), id(owned), share);
        }

        /** Adds a stake unless the pair already has one or the owned party would pass 100%; true if added. */
        boolean addStake(String owner, String owned, long share) {
            if (owner.equals(owned)
                    || stakeByPair.containsKey(key(owner, owned))
                    || incoming.get(owned) + share > Share.HUNDRED_PERCENT) {
                return false;
            }
            stakeByPair.put(key(owner, owned), share);
            incoming.merge(owned, share, Long::sum);
            stakes.add(new Stake(owner, owned, share));
            return true;
        }

        void removeStake(Stake stake) {
            stakes.remove(stake);
            stakeByPair.remove(key(stake.ownerId(), stake.ownedId()));
            incoming.merge(stake.ownedId(), -stake.share(), Long::sum);
        }

        /** Removes a party and every stake it holds or that is held in it, as the registry does. */
        void removeParty(String id) {
            parties.removeIf(party -> party.id().equals(id));
            for (Stake stake : List.copyOf(stakes)) {
                if (stake.ownerId().equals(id) || stake.ownedId().equals(id)) {
                    removeStake(stake);
                }
            }
            incoming.remove(id);
        }

        private String id(int index) {
            return parties.get(index).id();
        }

        private boolean isBanned(int index) {
            return BANNED.contains(parties.get(index).country());
        }

        /** The stake the graph holds for a pair, or -1 when there is none. */
        long stake(String ownerId, String ownedId) {
            return stakeByPair.getOrDefault(key(ownerId, ownedId), -1L);
        }

        void checkIncomingAtMostHundredPercent() {
            Map<String, Long> totals = new HashMap<>();
            for (Stake stake : stakes) {
                totals.merge(stake.ownedId(), stake.share(), Long::sum);
                assertTrue(stake.share() % HUNDREDTH == 0, () -> context("stake with more than 2 decimals: " + stake));
            }
            totals.forEach(
                    (id, total) -> assertTrue(total <= Share.HUNDRED_PERCENT, () -> context(id + " held " + total)));
        }

        OwnershipGraph toGraph() {
            OwnershipGraph graph = new OwnershipGraph();
            for (Party party : parties) {
                graph.putParty(new PartyInfo(party.id(), "Party " + party.id(), party.kind(), party.country(), null));
            }
            for (Stake stake : stakes) {
                graph.putStake(stake.ownedId(), stake.ownerId(), stake.share());
            }
            return graph;
        }

        /** The whole graph in one line, so that a failing tiny graph can be rebuilt by hand. */
        String describe() {
            StringBuilder text = new StringBuilder("parties ");
            for (Party party : parties) {
                text.append(party.id()).append('(').append(party.kind()).append(',');
                text.append(party.country()).append(") ");
            }
            text.append("stakes ");
            for (Stake stake : stakes) {
                text.append(stake.ownerId())
                        .append("-")
                        .append(Share.toPercent(stake.share()))
                        .append("%->")
                        .append(stake.ownedId())
                        .append(' ');
            }
            return text.toString();
        }

        private static String key(String owner, String owned) {
            return owner + ">" + owned;
        }

        private static long hundredths(long count) {
            return count * HUNDREDTH;
        }

        private static List<Integer> pick(Random random, List<Integer> from, int except, int count) {
            List<Integer> picked = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int candidate = from.get(random.nextInt(from.size()));
                if (candidate != except) {
                    picked.add(candidate);
                }
            }
            return picked;
        }
    }
}
