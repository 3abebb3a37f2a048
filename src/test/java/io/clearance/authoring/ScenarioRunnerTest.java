package io.clearance.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.decision.Decider;
import io.clearance.decision.DecisionQuery;
import io.clearance.engine.EvaluationLimits;
import io.clearance.engine.EvaluationObserver;
import io.clearance.engine.RuleSet;
import io.clearance.engine.RuleSetCompiler;
import io.clearance.engine.RuleSource;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.policy.PolicyDocument;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runner reports a wrong expectation with its file, case and differences, and refuses invalid scenario data. */
class ScenarioRunnerTest {

    private static final RuleSet RULES = new RuleSetCompiler()
            .compile(RuleSource.readDirectory(Path.of("rules")), PolicyDocument.read(Path.of("policies/policy.md")));

    private final ScenarioLoader loader = new ScenarioLoader();

    @Test
    void aWrongExpectationFailsNamingFileCaseAndDifferences() {
        Scenario scenario = loader.parse("wrong.yaml", """
                parties:
                  - {id: cn, name: CN Co, kind: COMPANY, country: CN}
                  - {id: de, name: DE GmbH, kind: COMPANY, country: DE}
                stakes:
                  - {owner: cn, owned: de, percent: 50}
                cases:
                  - name: exactly half is expected, wrongly, to deny
                    request: {subject: de, action: api.access}
                    expect:
                      decision: DENY
                      rules: [Organisations more than 50% owned by restricted parties are denied restricted actions]
                      restrictedShare: 51
                """);
        ScenarioRunner.Report report = new ScenarioRunner(new Decider()).run(RULES, List.of(scenario));

        ScenarioResult result = report.results().get(0);
        assertFalse(result.passed());
        assertEquals(1, report.failed());
        assertEquals(
                List.of(
                        "expected decision DENY, got PERMIT",
                        "expected deciding rules [Organisations more than 50% owned by restricted parties are denied restricted actions], got [Requests no restriction applies to are permitted]",
                        "expected restrictedShare 51, got 50"),
                result.differences());
        assertTrue(
                result.report().startsWith("wrong.yaml › exactly half is expected, wrongly, to deny: FAILED"),
                result.report());
        assertFalse(report.uncoveredRules().isEmpty(), "one case cannot cover every rule");
    }

    @Test
    void evidenceExpectationsAreCheckedAsASubset() {
        Scenario scenario = loader.parse("evidence.yaml", """
                parties:
                  - {id: cn, name: CN Co, kind: COMPANY, country: CN}
                cases:
                  - request: {subject: cn, action: api.access}
                    expect: {decision: DENY, evidence: {jurisdiction: RU}}
                """);
        ScenarioResult result = new ScenarioRunner(new Decider())
                .run(RULES, List.of(scenario))
                .results()
                .get(0);
        assertEquals(List.of("evidence.jurisdiction: expected RU, got CN"), result.differences());
    }

    @Test
    void scenarioDataIsValidatedLikeTheRegistry() {
        Scenario overHundred = loader.parse("over.yaml", """
                parties:
                  - {id: a, name: A, kind: COMPANY, country: CN}
                  - {id: b, name: B, kind: COMPANY, country: RU}
                  - {id: c, name: C, kind: COMPANY, country: DE}
                stakes:
                  - {owner: a, owned: c, percent: 60}
                  - {owner: b, owned: c, percent: 41}
                cases:
                  - request: {subject: c, action: api.access}
                    expect: {decision: DENY}
                """);
        ScenarioException error = assertThrows(
                ScenarioException.class, () -> new ScenarioRunner(new Decider()).run(RULES, List.of(overHundred)));
        assertEquals("`over.yaml` has stakes in `c` adding up to 101%", error.getMessage());

        ScenarioException misspelt = assertThrows(
                ScenarioException.class,
                () -> loader.parse("typo.yaml", "cases: [{request: {subject: a, action: api.access}, expct: {}}]"));
        assertTrue(
                misspelt.getMessage().startsWith("`typo.yaml` does not follow the scenario format"),
                misspelt.getMessage());
    }

    private static final String CN_CASE = """
            parties:
              - {id: cn, name: CN Co, kind: COMPANY, country: CN}
            cases:
              - name: a company of a banned jurisdiction
                request: {subject: cn, action: api.access}
                expect: {decision: DENY, rules: [Organisations headquartered in a banned jurisdiction are denied restricted actions]}
            """;

    @Test
    void scenariosRunOnARuleSetWarmedFirstAndOnlyOnce() {
        // A newly compiled rule set's first runs load its classes against the budget; the runner warms it before
        // its first case (no case pays that), and a rule set warmed before (as a released one is) not again.
        List<String> calls = new ArrayList<>();
        Decider recording = new Decider() {
            @Override
            public Traced trace(String id, DecisionQuery query, RuleSet rules, OwnershipGraph graph) {
                calls.add(id);
                return super.trace(id, query, rules, graph);
            }
        };
        RuleSet fresh = new RuleSetCompiler()
                .compile(
                        RuleSource.readDirectory(Path.of("rules")), PolicyDocument.read(Path.of("policies/policy.md")));
        ScenarioRunner runner = new ScenarioRunner(recording);

        ScenarioRunner.Report first = runner.run(fresh, List.of(loader.parse("cn.yaml", CN_CASE)));
        int warmUps = calls.indexOf("scenario");
        assertTrue(warmUps > 0, "warm-up runs come first: " + calls);
        assertEquals(List.of("scenario"), calls.subList(warmUps, calls.size()));
        assertEquals(List.of(), first.results().get(0).differences());

        calls.clear();
        runner.run(fresh, List.of(loader.parse("cn.yaml", CN_CASE)));
        assertEquals(List.of("scenario"), calls, "warmed once");
    }

    @Test
    void aCaseTheRulesCannotDecideSaysWhy() {
        // A rule that runs away: over its millisecond's budget on every run, the second as the first.
        String file = """
                package clearance.rules;
                import io.clearance.engine.facts.*;

                rule "Restricts the action asked for"
                    @clause("6.1") @description("declares the requested action restricted")
                when
                    Request($asked : action)
                then
                    insert(new RestrictedAction($asked));
                end

                rule "Runs away"
                    @clause("6.1") @description("declares a longer action for every action")
                when
                    $action : RestrictedAction()
                then
                    insert(new RestrictedAction($action.getAction() + $action.getAction().substring(0, 1)));
                end
                """;
        RuleSet runaway = new RuleSetCompiler(
                        new EvaluationLimits(Duration.ofMillis(1), 1_000_000), EvaluationObserver.NONE)
                .compile(
                        List.of(new RuleSource("runaway.drl", file)),
                        PolicyDocument.read(Path.of("policies/policy.md")));
        ScenarioResult result = new ScenarioRunner(new Decider())
                .run(runaway, List.of(loader.parse("slow.yaml", CN_CASE)))
                .results()
                .get(0);

        assertFalse(result.passed());
        assertEquals(
                "the rules could not decide (budget-exceeded at rule `Runs away`): the rules ran past their budget of 1 ms",
                result.differences().get(0));
    }
}
