package io.clearance.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import io.clearance.api.JsonSettings;
import io.clearance.decision.Action;
import io.clearance.decision.Advice;
import io.clearance.decision.Decider;
import io.clearance.decision.Decision;
import io.clearance.decision.DecisionQuery;
import io.clearance.decision.Reason;
import io.clearance.engine.RuleSet;
import io.clearance.engine.RuleSetCompiler;
import io.clearance.engine.RuleSource;
import io.clearance.engine.facts.Evidence;
import io.clearance.ownership.graph.GraphLoader;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.policy.PolicyDocument;
import io.clearance.registry.io.SyntheticRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Writing decisions as JSON bytes, the last step of every fresh answer (and what the memo stores): the
 * evidence as typed records with the API's settings, the same with Jackson's Blackbird module as the API
 * has it ({@code api/JsonAccessors}: accessors through generated lambdas instead of reflection), and the
 * evidence as the maps it used to be. The
 * decisions are real ones, the bundled rules over a synthetic registry, the ones with ownership evidence
 * (denials, reviews, advice) chosen, so the figures are for answers that carry proofs. Run with {@code
 * BENCH=EvidenceJsonJmh scripts/bench-jmh.sh}; it prints average microseconds per decision written.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EvidenceJsonJmh {

    @State(Scope.Benchmark)
    public static class Decisions {

        @Param("20000")
        int parties;

        List<Decision> typed;
        List<Decision> maps;
        ObjectMapper plain;
        ObjectMapper blackbird;

        @Setup
        public void build() {
            OwnershipGraph graph = new OwnershipGraph();
            GraphLoader loader = graph.loader();
            new SyntheticRegistry(42, 0.03).generate(parties, parties * 3, OwnershipBenchmark.into(loader));
            loader.commit();
            RuleSet rules = new RuleSetCompiler()
                    .compile(
                            RuleSource.readDirectory(Path.of("rules")),
                            PolicyDocument.read(Path.of("policies/policy.md")));
            plain = mapper();
            blackbird = mapper().registerModule(new BlackbirdModule());
            Decider decider = new Decider();
            typed = new ArrayList<>();
            for (int i = 0; i < parties && typed.size() < 256; i++) {
                Decision decision = decider.decide(
                        "jmh", new DecisionQuery(SyntheticRegistry.id(i), Action.API_ACCESS, null), rules, graph);
                if (!decision.advice().isEmpty() || !decision.decision().name().equals("PERMIT")) {
                    typed.add(decision);
                }
            }
            maps = typed.stream().map(this::asMaps).toList();
            System.out.println("\n" + typed.size() + " decisions, " + bytes(plain, typed) + " bytes of JSON");
        }

        /** As the API's mapper is set up (Quarkus's time handling, {@link JsonSettings}), without Blackbird. */
        private static ObjectMapper mapper() {
            ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
            mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
            new JsonSettings().customize(mapper);
            return mapper;
        }

        /** The same decision with its evidence as nested maps and lists, as answers carried it before records. */
        @SuppressWarnings("unchecked")
        private Decision asMaps(Decision d) {
            List<Reason> reasons = d.reasons().stream()
                    .map(r -> new Reason(r.rule(), r.clause(), r.effect(), r.message(), map(r.evidence())))
                    .toList();
            List<Advice> advice = d.advice().stream()
                    .map(a -> new Advice(a.rule(), a.clause(), a.code(), a.message(), map(a.evidence())))
                    .toList();
            return new Decision(
                    d.decisionId(),
                    d.decision(),
                    d.policyVersion(),
                    d.registryVersion(),
                    d.decidedAt(),
                    d.subject(),
                    d.action(),
                    d.onBehalfOf(),
                    d.at(),
                    reasons,
                    advice);
        }

        @SuppressWarnings("unchecked")
        private Evidence map(Evidence evidence) {
            Map<String, Object> entries = plain.convertValue(evidence, LinkedHashMap.class);
            return new Evidence.Written(entries);
        }

        private static long bytes(ObjectMapper mapper, List<Decision> decisions) {
            long total = 0;
            for (Decision d : decisions) {
                try {
                    total += mapper.writeValueAsBytes(d).length;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return total / Math.max(1, decisions.size());
        }
    }

    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int take(int size) {
            next = next + 1 == size ? 0 : next + 1;
            return next;
        }
    }

    @Benchmark
    public byte[] typedRecords(Decisions d, Cursor c) throws Exception {
        return d.plain.writeValueAsBytes(d.typed.get(c.take(d.typed.size())));
    }

    @Benchmark
    public byte[] typedRecordsBlackbird(Decisions d, Cursor c) throws Exception {
        return d.blackbird.writeValueAsBytes(d.typed.get(c.take(d.typed.size())));
    }

    @Benchmark
    public byte[] evidenceAsMaps(Decisions d, Cursor c) throws Exception {
        return d.plain.writeValueAsBytes(d.maps.get(c.take(d.maps.size())));
    }
}
