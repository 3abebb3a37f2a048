package io.clearance.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.decision.Decider;
import io.clearance.engine.RuleSet;
import io.clearance.engine.RuleSetCompiler;
import io.clearance.engine.RuleSource;
import io.clearance.policy.PolicyDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Advice informs; a policy that wants it to refuse says so in a rule. The bundled rules permit exactly 50%
 * with the advice {@code enhanced-due-diligence} (the bundled scenarios show it); the fixture under
 * {@code src/test/resources/advice-refuses} adds one rule that refuses on that advice, and its scenario
 * file shows the denial with the advice still on the decision.
 */
class AdviceScenariosTest {

    private static final Path FIXTURE = Path.of("src/test/resources/advice-refuses");

    @Test
    void aRuleMatchingTheAdviceRefusesWhereTheBundledPolicyPermits() throws Exception {
        List<RuleSource> sources = new ArrayList<>(RuleSource.readDirectory(Path.of("rules")));
        sources.add(new RuleSource("refuse-on-advice.drl", Files.readString(FIXTURE.resolve("refuse-on-advice.drl"))));
        RuleSet stricter =
                new RuleSetCompiler().compile(sources, PolicyDocument.read(Path.of("policies", "policy.md")));

        ScenarioRunner.Report report =
                new ScenarioRunner(new Decider()).run(stricter, new ScenarioLoader().load(FIXTURE.resolve("tests")));

        assertEquals(2, report.results().size());
        assertEquals(
                0,
                report.failed(),
                report.results().stream().map(ScenarioResult::report).collect(Collectors.joining("\n")));
        assertTrue(report.results().get(0).decision().adviceCodes().contains("enhanced-due-diligence"));
    }
}
