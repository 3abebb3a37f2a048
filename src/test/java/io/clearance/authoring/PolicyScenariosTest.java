package io.clearance.authoring;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.clearance.decision.Decider;
import io.clearance.engine.RuleInfo;
import io.clearance.engine.RuleSet;
import io.clearance.engine.RuleSetCompiler;
import io.clearance.engine.RuleSource;
import io.clearance.policy.PolicyDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every scenario file in {@code policies/tests} against the bundled rules, one test per case, and
 * fails when a bundled rule fires in no scenario. Policy authors add cases as YAML; nothing here changes.
 */
class PolicyScenariosTest {

    private static final Path RULES = Path.of("rules");
    private static final Path POLICIES = Path.of("policies");

    @TestFactory
    Stream<DynamicNode> bundledScenarios() {
        RuleSet rules = new RuleSetCompiler()
                .compile(RuleSource.readDirectory(RULES), PolicyDocument.read(POLICIES.resolve("policy.md")));
        List<Scenario> scenarios = new ScenarioLoader().load(POLICIES.resolve("tests"));
        assertTrue(scenarios.size() >= 5, "expected the bundled scenario files, found " + scenarios.size());
        ScenarioRunner.Report report = new ScenarioRunner(new Decider()).run(rules, scenarios);

        Map<String, List<ScenarioResult>> byFile = new LinkedHashMap<>();
        report.results()
                .forEach(r ->
                        byFile.computeIfAbsent(r.file(), f -> new ArrayList<>()).add(r));
        List<DynamicNode> nodes = new ArrayList<>();
        byFile.forEach((file, results) -> nodes.add(dynamicContainer(
                file,
                results.stream()
                        .map(r -> dynamicTest(r.caseName(), () -> {
                            if (!r.passed()) {
                                fail(r.report());
                            }
                        })))));
        nodes.add(dynamicTest("every bundled rule fires in at least one scenario", () -> {
            if (!report.uncoveredRules().isEmpty()) {
                fail("rules no scenario makes fire:\n"
                        + report.uncoveredRules().stream()
                                .map(RuleInfo::name)
                                .collect(Collectors.joining("\n  ", "  ", "")));
            }
        }));
        return nodes.stream();
    }
}
