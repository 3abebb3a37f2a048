package io.clearance.bench;

import io.clearance.authoring.ImpactAnalysis;
import io.clearance.decision.Decider;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.StakeTerms;
import io.clearance.engine.RuleSet;
import io.clearance.engine.RuleSetCompiler;
import io.clearance.engine.RuleSource;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.policy.PolicyDocument;
import io.clearance.registry.RegistrySink;
import io.clearance.registry.io.SyntheticRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures impact analysis on a synthetic registry: every party, every action, under the bundled rules and
 * a candidate that makes exactly 50% restrict. Prints figures; asserts nothing. Run with
 * {@code scripts/bench-impact.sh [parties] [stakes]}.
 */
public final class ImpactBenchmark {

    public static void main(String[] args) {
        int parties = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int stakes = args.length > 1 ? Integer.parseInt(args[1]) : parties * 3;
        OwnershipGraph graph = new OwnershipGraph();
        long started = System.nanoTime();
        new SyntheticRegistry(42, 0.03).generate(parties, stakes, new RegistrySink() {
            @Override
            public void party(PartyInfo party) {
                graph.putParty(party);
            }

            @Override
            public void stake(String ownedId, String ownerId, StakeTerms terms) {
                graph.putStake(ownedId, ownerId, terms);
            }
        });
        System.out.printf(
                "registry: %,d parties, %,d stakes requested, built in %.1f s%n",
                graph.partyCount(), stakes, seconds(started));

        PolicyDocument policy = PolicyDocument.read(Path.of("policies/policy.md"));
        List<RuleSource> active = RuleSource.readDirectory(Path.of("rules"));
        List<RuleSource> candidate = new ArrayList<>();
        for (RuleSource source : active) {
            candidate.add(
                    source.name().equals("ownership.drl")
                            ? new RuleSource(
                                    source.name(), source.content().replace(".above(\"50\")", ".atLeast(\"50\")"))
                            : source);
        }
        RuleSetCompiler compiler = new RuleSetCompiler();
        RuleSet before = compiler.compile(active, policy);
        RuleSet after = compiler.compile(candidate, policy);

        started = System.nanoTime();
        ImpactAnalysis.Report report = new ImpactAnalysis(new Decider()).run(before, after, graph, 10);
        double elapsed = seconds(started);
        System.out.printf(
                "impact: %,d decisions compared (%,d parties x 3 actions) in %.1f s = %,.0f decisions/s; %,d changed %s%n",
                report.decisionsCompared(),
                report.parties(),
                elapsed,
                report.decisionsCompared() / elapsed,
                report.changed(),
                report.transitions());
        Runtime runtime = Runtime.getRuntime();
        System.out.printf(
                "heap used: %,d MB of %,d MB max; %d cores%n",
                (runtime.totalMemory() - runtime.freeMemory()) >> 20,
                runtime.maxMemory() >> 20,
                runtime.availableProcessors());
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
