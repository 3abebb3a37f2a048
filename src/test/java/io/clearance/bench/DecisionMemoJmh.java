package io.clearance.bench;

import io.clearance.decision.Action;
import io.clearance.decision.Decider;
import io.clearance.decision.Decision;
import io.clearance.decision.DecisionMemo;
import io.clearance.decision.DecisionQuery;
import io.clearance.registry.io.SyntheticRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The in-process decision path with the bundled rules, memoised and fresh, sampled (p50 to p99.9): {@code
 * memoHit} answers from the memo (a hot set of parties decided once at set-up, as a gateway asks about the
 * same customers again and again); {@code fresh} decides a party drawn from the whole registry with the
 * memo's {@link Decider}, gathering facts and running the rules (its look-through kept or not, as the
 * draw falls); {@code freshKept} decides afresh a party of the hot set, whose kept findings are current.
 * The registry is the synthetic one of {@link OwnershipBenchmark}. Run with {@code BENCH=DecisionMemoJmh scripts/bench-jmh.sh -p parties=100000}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecisionMemoJmh {

    /** The graph, its rules and the memo, built once per fork. */
    @State(Scope.Benchmark)
    public static class Registry extends SyntheticRegistryState {

        /** How many parties the memo holds answers for (the hot set {@code memoHit} draws from). */
        @Param("2000")
        int hot;

        DecisionMemo memo;
        final Decider decider = new Decider();

        @Setup(Level.Trial)
        public void build() {
            load();
            memo = new DecisionMemo(graph, new SimpleMeterRegistry(), true, Math.max(hot, 1) * 2L);
            for (int i = 0; i < hot; i++) {
                memo.decide("warm", query(i), rules, decider);
            }
        }

        DecisionQuery query(int party) {
            return new DecisionQuery(SyntheticRegistry.id(party), Action.API_ACCESS, null);
        }
    }

    /** Each thread draws its own parties. */
    @State(Scope.Thread)
    public static class Draw {
        final SplittableRandom random = new SplittableRandom(7);
    }

    @Benchmark
    public Decision memoHit(Registry registry, Draw draw) {
        return registry.memo.decide(
                "jmh", registry.query(draw.random.nextInt(registry.hot)), registry.rules, registry.decider);
    }

    /**
     * A fresh decision (no memo) about a party decided before: its kept findings (restriction indexes, kept
     * look-through) are current, as for a party a gateway has asked about since the last change upstream of
     * it. The rules run and the decision is built as for any fresh decision.
     */
    @Benchmark
    public Decision freshKept(Registry registry, Draw draw) {
        return registry.decider.decide(
                "jmh", registry.query(draw.random.nextInt(registry.hot)), registry.rules, registry.graph);
    }

    @Benchmark
    public Decision fresh(Registry registry, Draw draw) {
        return registry.decider.decide(
                "jmh", registry.query(draw.random.nextInt(registry.parties)), registry.rules, registry.graph);
    }
}
