package io.clearance.bench;

import io.clearance.decision.Action;
import io.clearance.decision.Decider;
import io.clearance.decision.DecisionQuery;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.StakeTerms;
import io.clearance.engine.PolicyParameters;
import io.clearance.engine.RuleSet;
import io.clearance.engine.RuleSetCompiler;
import io.clearance.engine.RuleSource;
import io.clearance.ownership.Bound;
import io.clearance.ownership.RestrictionCriteria;
import io.clearance.ownership.evidence.ExtensionFinding;
import io.clearance.ownership.evidence.RestrictedOwner;
import io.clearance.ownership.graph.GraphLoader;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.ownership.index.KeptIndexes;
import io.clearance.ownership.index.RestrictedByExtension;
import io.clearance.policy.PolicyDocument;
import io.clearance.registry.RegistrySink;
import io.clearance.registry.io.SyntheticRegistry;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Measures the ownership graph at registry scale on a synthetic registry: build time and heap, a full
 * recompute of restriction by extension, single-party evaluation latency (all parties, and restricted
 * ones, whose proof is built), decision latency with the bundled rules, and how long a stake change takes
 * to show in the next evaluation. Single-threaded; prints figures and asserts nothing. Run with
 * {@code scripts/bench-ownership.sh [parties] [stakes]}.
 */
public final class OwnershipBenchmark {

    private static int SAMPLES = 200_000;
    private static int RESTRICTED_SAMPLES = 20_000;
    private static int DECISIONS = 50_000;
    private static int CHANGES = 500;

    public static void main(String[] args) {
        int parties = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int stakes = args.length > 1 ? Integer.parseInt(args[1]) : parties * 3;
        // Raise it (e.g. 0.15) to stress proofs: restricted regions grow with the share of seeds.
        double bannedFraction = args.length > 2 ? Double.parseDouble(args[2]) : 0.03;
        if (args.length > 3) { // fewer samples, for configurations where one evaluation is slow
            SAMPLES = Integer.parseInt(args[3]);
            RESTRICTED_SAMPLES = Math.max(1, SAMPLES / 10);
            DECISIONS = Math.max(5, SAMPLES / 4);
            CHANGES = Math.max(5, SAMPLES / 400);
        }
        SplittableRandom random = new SplittableRandom(7);
        System.out.printf(
                "ownership benchmark: %,d parties, %,d stakes requested, %.0f%% in banned jurisdictions; %d cores, max heap %,d MB%n",
                parties,
                stakes,
                bannedFraction * 100,
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);

        // ---- build ----
        long baseline = heapUsedAfterGc();
        OwnershipGraph graph = new OwnershipGraph();
        GraphLoader loader = graph.loader();
        long started = System.nanoTime();
        new SyntheticRegistry(42, bannedFraction).generate(parties, stakes, into(loader));
        System.out.printf(
                "load: %,d parties, %,d stakes generated and collected in %.1f s%n",
                loader.partyCount(), loader.stakeCount(), seconds(started));
        started = System.nanoTime();
        loader.commit();
        System.out.printf("load: graph built from them (edge arrays, id map) in %.1f s%n", seconds(started));
        System.out.printf(
                "heap: graph holds %,d MB (used after GC, before any index)%n", (heapUsedAfterGc() - baseline) >> 20);

        // ---- rules and criteria ----
        PolicyDocument policy = PolicyDocument.read(Path.of("policies/policy.md"));
        RuleSet rules = new RuleSetCompiler().compile(RuleSource.readDirectory(Path.of("rules")), policy);
        PolicyParameters parameters = rules.parameters();
        RestrictionCriteria criteria = test(parameters, "majority").criteria(parameters.bannedAt(graph.now()));

        // ---- full recompute ----
        started = System.nanoTime();
        RestrictedByExtension walk = new RestrictedByExtension(graph, criteria).prepare(Bound.LOWER);
        System.out.printf(
                "recompute: lower-bound index for the bundled criteria over the whole graph in %.2f s (%,d restricted)%n",
                seconds(started), KeptIndexes.of(graph).restrictedCount(criteria));
        started = System.nanoTime();
        walk.prepare(Bound.UPPER);
        System.out.printf(
                "recompute: upper-bound index (ranges at their maximum) in %.2f s (%,d possibly restricted)%n",
                seconds(started), KeptIndexes.of(graph).restrictedCount(criteria, Bound.UPPER));
        double[] recomputes = new double[3];
        for (int i = 0; i < recomputes.length; i++) {
            // A criteria the graph has not seen yet forces a from-scratch computation.
            RestrictionCriteria fresh = new RestrictionCriteria(
                    criteria.bannedJurisdictions(),
                    criteria.seedKinds(),
                    criteria.threshold() + i + 1,
                    criteria.comparison(),
                    criteria.controlBits(),
                    criteria.countsUnaccounted());
            started = System.nanoTime();
            KeptIndexes.of(graph).prepare(fresh, Bound.LOWER);
            recomputes[i] = seconds(started);
        }
        Arrays.sort(recomputes);
        System.out.printf(
                "recompute: %d more full recomputes, min %.2f s, max %.2f s%n",
                recomputes.length, recomputes[0], recomputes[recomputes.length - 1]);
        System.out.printf(
                "heap: %,d MB used after GC with %d indexes%n",
                (heapUsedAfterGc() - baseline) >> 20, recomputes.length + 1);

        // ---- single-party evaluation ----
        int limit = graph.partyCount();
        for (int i = 0; i < SAMPLES / 4; i++) { // warm-up
            walk.evaluate(SyntheticRegistry.id(random.nextInt(limit)));
        }
        long[] nanos = new long[SAMPLES];
        List<String> restricted = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            String id = SyntheticRegistry.id(random.nextInt(limit));
            long t = System.nanoTime();
            ExtensionFinding finding = walk.evaluate(id);
            nanos[i] = System.nanoTime() - t;
            if (finding.exceeded() && restricted.size() < RESTRICTED_SAMPLES) {
                restricted.add(id);
            }
        }
        print("evaluate, random parties", nanos);
        // Restricted targets are where a proof is built; sample more of them by scanning.
        for (int i = 0; restricted.size() < RESTRICTED_SAMPLES && i < limit; i++) {
            String id = SyntheticRegistry.id(random.nextInt(limit));
            if (walk.evaluate(id).exceeded()) {
                restricted.add(id);
            }
        }
        long[] restrictedNanos = new long[restricted.size() * 2];
        int maxDepth = 0;
        for (int i = 0; i < restrictedNanos.length; i++) {
            String id = restricted.get(i % restricted.size());
            long t = System.nanoTime();
            ExtensionFinding finding = walk.evaluate(id);
            restrictedNanos[i] = System.nanoTime() - t;
            maxDepth = Math.max(maxDepth, depth(finding.owners()));
        }
        print("evaluate, restricted parties (proof built)", restrictedNanos);
        System.out.printf("  deepest proof seen: %,d levels%n", maxDepth);

        // ---- decisions ----
        Decider evaluator = new Decider();
        for (int i = 0; i < DECISIONS / 5; i++) {
            evaluator.decide(
                    "warm-" + i,
                    new DecisionQuery(SyntheticRegistry.id(random.nextInt(limit)), Action.API_ACCESS, null),
                    rules,
                    graph);
        }
        long[] decisionNanos = new long[DECISIONS];
        for (int i = 0; i < DECISIONS; i++) {
            // One in five asks about a restricted party, so that denials with proofs are in the mix.
            String subject = i % 5 == 0 && !restricted.isEmpty()
                    ? restricted.get(random.nextInt(restricted.size()))
                    : SyntheticRegistry.id(random.nextInt(limit));
            DecisionQuery query = new DecisionQuery(subject, Action.API_ACCESS, null);
            long t = System.nanoTime();
            evaluator.decide("d-" + i, query, rules, graph);
            decisionNanos[i] = System.nanoTime() - t;
        }
        print("decide (bundled rules, 1 in 5 restricted)", decisionNanos);
        // For another instant than now no index serves: each test walks the party's ancestors.
        java.time.Instant past = java.time.Instant.parse("2025-06-01T00:00:00Z");
        long[] pastNanos = new long[Math.max(5, DECISIONS / 20)];
        for (int i = 0; i < pastNanos.length; i++) {
            DecisionQuery query =
                    new DecisionQuery(SyntheticRegistry.id(random.nextInt(limit)), Action.API_ACCESS, null, past);
            long t = System.nanoTime();
            evaluator.decide("p-" + i, query, rules, graph);
            pastNanos[i] = System.nanoTime() - t;
        }
        print("decide at a past instant (no index: ancestors walked)", pastNanos);

        // ---- stake changes ----
        // Cut the largest restricted stake in a restricted party to one millionth of a percent, evaluate,
        // then put it back and evaluate: the cut deletes and re-derives everything downstream.
        long[] cut = new long[Math.min(CHANGES, restricted.size())];
        long[] restore = new long[cut.length];
        int flipped = 0;
        for (int i = 0; i < cut.length; i++) {
            String target = restricted.get(random.nextInt(restricted.size()));
            List<RestrictedOwner> owners = walk.evaluate(target).owners();
            if (owners.isEmpty()) {
                continue; // a seed: restricted on its own account, no stake to cut
            }
            RestrictedOwner largest = owners.get(0);
            long t = System.nanoTime();
            graph.putStake(target, largest.party().id(), 1);
            boolean after = walk.evaluate(target).exceeded();
            cut[i] = System.nanoTime() - t;
            t = System.nanoTime();
            graph.putStake(target, largest.party().id(), largest.terms());
            boolean back = walk.evaluate(target).exceeded();
            restore[i] = System.nanoTime() - t;
            if (!after && back) {
                flipped++;
            }
        }
        print("stake cut then evaluate (" + flipped + " of " + cut.length + " flipped)", cut);
        print("stake restored then evaluate", restore);
        // A seed leaving a banned jurisdiction un-marks and re-derives its whole downstream region.
        long[] seedChange = new long[Math.min(CHANGES / 5, restricted.size())];
        for (int i = 0; i < seedChange.length; i++) {
            String target = restricted.get(random.nextInt(restricted.size()));
            PartyInfo seed = firstSeed(walk.evaluate(target).owners());
            if (seed == null) {
                continue;
            }
            long t = System.nanoTime();
            graph.putParty(new PartyInfo(seed.id(), seed.name(), seed.kind(), "US", seed.nationality()));
            walk.evaluate(target);
            seedChange[i] = System.nanoTime() - t;
            graph.putParty(seed);
        }
        print("seed leaves banned country then evaluate", seedChange);
        System.out.printf("heap: %,d MB used after GC at the end%n", (heapUsedAfterGc() - baseline) >> 20);
        Reference.reachabilityFence(graph); // keeps the graph counted in the figure above
    }

    private static PartyInfo firstSeed(List<RestrictedOwner> owners) {
        for (RestrictedOwner owner : owners) {
            if (owner.seed()) {
                return owner.party();
            }
            PartyInfo deeper = firstSeed(owner.owners());
            if (deeper != null) {
                return deeper;
            }
        }
        return null;
    }

    private static int depth(List<RestrictedOwner> owners) {
        // Iterative: proofs can be thousands of levels deep.
        int deepest = 0;
        List<List<RestrictedOwner>> level = List.of(owners);
        while (true) {
            List<List<RestrictedOwner>> next = new ArrayList<>();
            for (List<RestrictedOwner> list : level) {
                for (RestrictedOwner owner : list) {
                    if (!owner.owners().isEmpty()) {
                        next.add(owner.owners());
                    }
                }
            }
            if (next.isEmpty()) {
                return deepest + (owners.isEmpty() ? 0 : 1);
            }
            deepest++;
            level = next;
        }
    }

    private static void print(String what, long[] nanos) {
        if (nanos.length == 0) {
            System.out.printf("%s: no samples%n", what);
            return;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(
                "%s: n=%,d p50 %s, p90 %s, p99 %s, p99.9 %s, max %s%n",
                what,
                sorted.length,
                micros(sorted, 0.50),
                micros(sorted, 0.90),
                micros(sorted, 0.99),
                micros(sorted, 0.999),
                format(sorted[sorted.length - 1]));
    }

    private static String micros(long[] sorted, double quantile) {
        return format(sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)]);
    }

    private static String format(long nanos) {
        return nanos >= 1_000_000 ? String.format("%.1f ms", nanos / 1e6) : String.format("%.1f µs", nanos / 1e3);
    }

    private static long heapUsedAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** The bundled rules' ownership test of that id (the order the rules declare them in is not kept). */
    static io.clearance.engine.facts.OwnershipMeasure test(PolicyParameters parameters, String id) {
        return parameters.ownershipTests().stream()
                .filter(t -> t.getId().equals(id))
                .findFirst()
                .orElseThrow();
    }

    /** A sink that collects a generated registry into a loader, for the benchmarks. */
    static RegistrySink into(GraphLoader loader) {
        return new RegistrySink() {
            @Override
            public void party(PartyInfo party) {
                loader.party(party);
            }

            @Override
            public void stake(String ownedId, String ownerId, StakeTerms terms) {
                loader.stake(ownedId, ownerId, terms);
            }
        };
    }
}
