package io.clearance.bench;

import io.clearance.decision.Action;
import io.clearance.decision.Decider;
import io.clearance.decision.Decision;
import io.clearance.decision.DecisionQuery;
import io.clearance.engine.PolicyParameters;
import io.clearance.ownership.Bound;
import io.clearance.ownership.RestrictionCriteria;
import io.clearance.ownership.evidence.ExtensionFinding;
import io.clearance.ownership.evidence.LookThroughFinding;
import io.clearance.ownership.index.RestrictedByExtension;
import io.clearance.ownership.lookthrough.LookThrough;
import io.clearance.registry.io.SyntheticRegistry;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Single-party latencies with JMH, sampled (so that percentiles, p99 included, come out): restriction by
 * extension at both bounds read from the kept indexes, look-through at both bounds, and whole decisions with
 * the bundled rules, for now and for a past instant (no index: the party's ancestors are walked). The
 * registry is the synthetic one of {@link OwnershipBenchmark}, with its default mix of bands, consolidation
 * and dated stakes. Run with {@code scripts/bench-jmh.sh} (parameters: {@code -p parties=5000000}).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OwnershipJmh {

    /** The graph, its rules and tests, built once per fork. */
    @State(Scope.Benchmark)
    public static class Registry extends SyntheticRegistryState {

        RestrictedByExtension extension;
        LookThrough lookThrough;
        final Decider evaluator = new Decider();
        final Instant past = Instant.parse("2025-06-01T00:00:00Z");

        @Setup(Level.Trial)
        public void build() {
            load();
            PolicyParameters parameters = rules.parameters();
            RestrictionCriteria majority = test(parameters, "majority").criteria(parameters.bannedAt(graph.now()));
            RestrictionCriteria indirect = test(parameters, "indirect").criteria(parameters.bannedAt(graph.now()));
            extension = new RestrictedByExtension(graph, majority)
                    .prepare(Bound.LOWER)
                    .prepare(Bound.UPPER);
            lookThrough = new LookThrough(graph, indirect);
            // The first decision prepares every index the bundled rules need.
            evaluator.decide("warm", new DecisionQuery(SyntheticRegistry.id(0), Action.API_ACCESS, null), rules, graph);
        }
    }

    /** Each thread draws its own parties. */
    @State(Scope.Thread)
    public static class Draw {
        final SplittableRandom random = new SplittableRandom(7);

        String party(Registry registry) {
            return SyntheticRegistry.id(random.nextInt(registry.parties));
        }
    }

    @Benchmark
    public ExtensionFinding extensionLower(Registry registry, Draw draw) {
        return registry.extension.evaluate(draw.party(registry), Bound.LOWER, null);
    }

    @Benchmark
    public ExtensionFinding extensionUpper(Registry registry, Draw draw) {
        return registry.extension.evaluate(draw.party(registry), Bound.UPPER, null);
    }

    @Benchmark
    public LookThroughFinding lookThroughLower(Registry registry, Draw draw) {
        return registry.lookThrough.evaluate(draw.party(registry), Bound.LOWER, null);
    }

    @Benchmark
    public LookThroughFinding lookThroughUpper(Registry registry, Draw draw) {
        return registry.lookThrough.evaluate(draw.party(registry), Bound.UPPER, null);
    }

    @Benchmark
    public Decision decideNow(Registry registry, Draw draw) {
        return registry.evaluator.decide(
                "jmh",
                new DecisionQuery(draw.party(registry), Action.API_ACCESS, null),
                registry.rules,
                registry.graph);
    }

    @Benchmark
    public Decision decideAtPastInstant(Registry registry, Draw draw) {
        return registry.evaluator.decide(
                "jmh",
                new DecisionQuery(draw.party(registry), Action.API_ACCESS, null, registry.past),
                registry.rules,
                registry.graph);
    }

    /** The bundled rules' ownership test of that id (the order the rules declare them in is not kept). */
    static io.clearance.engine.facts.OwnershipMeasure test(PolicyParameters parameters, String id) {
        return parameters.ownershipTests().stream()
                .filter(t -> t.getId().equals(id))
                .findFirst()
                .orElseThrow();
    }
}
