package io.clearance.bench;

import io.clearance.engine.RuleSet;
import io.clearance.engine.RuleSetCompiler;
import io.clearance.engine.RuleSource;
import io.clearance.ownership.graph.GraphLoader;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.policy.PolicyDocument;
import io.clearance.registry.io.SyntheticRegistry;
import java.nio.file.Path;
import java.util.logging.Level;
import org.jboss.logmanager.LogContext;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The set-up the JMH benchmarks share: the synthetic registry of {@link OwnershipBenchmark} at the size
 * the parameters say, loaded into a graph in one go, and the bundled rules compiled. A benchmark's
 * {@code @State} extends it (JMH reads the parameters of the superclass) and calls {@link #load()} first in
 * its own {@code @Setup}, so the order of set-up steps never rests on JMH's.
 */
@State(Scope.Benchmark)
public abstract class SyntheticRegistryState {

    @Param("1000000")
    int parties;

    @Param("3")
    int stakesPerParty;

    @Param("0.03")
    double bannedFraction;

    OwnershipGraph graph;
    RuleSet rules;

    /** Builds the graph and compiles the rules. */
    void load() {
        serverLogLevels();
        graph = new OwnershipGraph();
        GraphLoader loader = graph.loader();
        new SyntheticRegistry(42, bannedFraction)
                .generate(parties, parties * stakesPerParty, OwnershipBenchmark.into(loader));
        loader.commit();
        rules = new RuleSetCompiler()
                .compile(
                        RuleSource.readDirectory(Path.of("rules")), PolicyDocument.read(Path.of("policies/policy.md")));
    }

    /**
     * The log levels the server runs with (application.properties: INFO, {@code org.drools} and {@code org.kie} at
     * WARN). Outside Quarkus the JBoss log manager is unconfigured and lets every level through, so Drools would
     * format its trace messages on every insertion and firing (a fifth of a fresh decision's time here, all of
     * it thrown away for want of a handler), which the server never does.
     */
    static void serverLogLevels() {
        LogContext context = LogContext.getLogContext();
        context.getLogger("").setLevel(Level.INFO);
        context.getLogger("org.drools").setLevel(Level.WARNING);
        context.getLogger("org.kie").setLevel(Level.WARNING);
    }
}
