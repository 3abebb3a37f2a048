package io.clearance.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.decision.Decider;
import io.clearance.engine.RuleSet;
import io.clearance.engine.RuleSetCompiler;
import io.clearance.engine.RuleSource;
import io.clearance.policy.PolicyDocument;
import java.nio.file.Path;
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
}
