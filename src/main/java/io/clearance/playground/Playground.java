package io.clearance.playground;

import io.clearance.authoring.Scenario;
import io.clearance.authoring.ScenarioLoader;
import io.clearance.authoring.ScenarioRunner;
import io.clearance.decision.Action;
import io.clearance.decision.Decider;
import io.clearance.decision.Decision;
import io.clearance.decision.DecisionQuery;
import io.clearance.engine.CompileError;
import io.clearance.engine.PolicyEngine;
import io.clearance.engine.RuleSet;
import io.clearance.engine.RuleSource;
import io.clearance.ownership.graph.OwnershipGraph;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an author's candidate in the playground: the serving rule files with the edited ones put over them,
 * compiled as a candidate (never served, never stored), and each case of the scenario decided against the
 * scenario's own parties or the live registry, through the same evaluator as a live request.
 */
@ApplicationScoped
public class Playground {

    private final PolicyEngine engine;
    private final OwnershipGraph live;
    private final Decider evaluator = new Decider();

    Playground(PolicyEngine engine, OwnershipGraph live) {
        this.engine = engine;
        this.live = live;
    }

    /** Where the parties of a run come from. */
    public enum Registry {
        SCENARIO,
        LIVE
    }

    /**
     * @param edited rule files by name, replacing serving files of the same name or added beside them
     * @throws io.clearance.engine.RuleSetRejectedException when the candidate does not compile
     * @throws io.clearance.authoring.ScenarioException when the scenario cannot be read or built
     */
    public Run run(Map<String, String> edited, String scenarioYaml, Registry registry) {
        Map<String, String> files = new LinkedHashMap<>();
        for (RuleSource source : engine.active().sources()) {
            files.put(source.name(), source.content());
        }
        files.putAll(edited);
        RuleSet candidate = engine.compileCandidate(files, null);
        Scenario scenario = new ScenarioLoader().parse("playground.yaml", scenarioYaml);
        OwnershipGraph graph = registry == Registry.LIVE ? live : ScenarioRunner.graphOf(scenario);
        List<CaseRun> cases = new ArrayList<>();
        int number = 0;
        for (Scenario.Case testCase : scenario.cases()) {
            number++;
            String name = testCase.name() == null ? "case " + number : testCase.name();
            cases.add(runCase(candidate, graph, name, testCase));
        }
        return new Run(candidate.version(), engine.active().version(), registry, candidate.warnings(), cases);
    }

    private CaseRun runCase(RuleSet candidate, OwnershipGraph graph, String name, Scenario.Case testCase) {
        Scenario.CaseRequest request = testCase.request();
        Action action =
                request == null ? null : Action.fromWireName(request.action()).orElse(null);
        if (request == null || request.subject() == null || action == null) {
            return new CaseRun(
                    name,
                    false,
                    List.of("the case needs a `request` with a `subject` and a known `action`"),
                    null,
                    List.of());
        }
        try {
            Decider.Traced traced = evaluator.trace(
                    "playground",
                    new DecisionQuery(request.subject(), action, request.onBehalfOf(), request.at()),
                    candidate,
                    graph);
            List<String> differences = testCase.expect() == null
                    ? List.of()
                    : ScenarioRunner.compare(testCase.expect(), traced.decision());
            return new CaseRun(name, differences.isEmpty(), differences, traced.decision(), traced.firedRules());
        } catch (RuntimeException e) {
            return new CaseRun(name, false, List.of("could not decide: " + e.getMessage()), null, List.of());
        }
    }

    /**
     * What a run showed.
     *
     * @param serving the version that serves, untouched by the run
     */
    public record Run(
            String candidateVersion,
            String serving,
            Registry registry,
            List<CompileError> warnings,
            List<CaseRun> cases) {}

    /**
     * One case: the decision (reasons, evidence, advice), every rule that fired, and how it differs from the
     * case's {@code expect} (empty when it has none or matches).
     */
    public record CaseRun(
            String name, boolean passed, List<String> differences, Decision decision, List<String> firedRules) {}
}
