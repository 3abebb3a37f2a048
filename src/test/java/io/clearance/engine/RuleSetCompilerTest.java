package io.clearance.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.clearance.engine.facts.OwnershipMeasure;
import io.clearance.ownership.Comparison;
import io.clearance.ownership.Semantics;
import io.clearance.policy.PolicyDocument;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The compiler serves only rule sets that compile and carry their metadata, and reports every error at
 * once with its position. Each folder under {@code src/test/resources/broken-rules} is a negative fixture
 * with the exact errors it must produce in {@code expected-errors.txt}.
 */
class RuleSetCompilerTest {

    private static final PolicyDocument POLICY = PolicyDocument.read(Path.of("policies/policy.md"));
    private static final Path BROKEN = Path.of("src/test/resources/broken-rules");

    private final RuleSetCompiler compiler = new RuleSetCompiler();

    @TestFactory
    Stream<DynamicTest> brokenRuleSetsAreRejectedWithEveryError() throws IOException {
        List<Path> fixtures;
        try (Stream<Path> folders = Files.list(BROKEN)) {
            fixtures = folders.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(fixtures.size() >= 6, "negative fixtures are missing");
        return fixtures.stream()
                .map(folder -> dynamicTest(folder.getFileName().toString(), () -> {
                    List<String> expected = Files.readAllLines(folder.resolve("expected-errors.txt")).stream()
                            .filter(line -> !line.isBlank())
                            .toList();
                    RuleSetRejectedException rejected = assertThrows(
                            RuleSetRejectedException.class,
                            () -> compiler.compile(RuleSource.readDirectory(folder), POLICY));
                    List<String> actual = rejected.errors().stream()
                            .map(CompileError::toString)
                            .toList();
                    assertEquals(expected, actual);
                    assertTrue(
                            actual.stream().noneMatch(e -> e.contains("null Package")), "parser noise must be dropped");
                }));
    }

    @Test
    void bundledRulesCompileWithTheirParametersAndMetadata() {
        RuleSet rules = compiler.compile(RuleSource.readDirectory(Path.of("rules")), POLICY);

        assertEquals(Set.of("CN", "RU", "IR", "KP"), rules.parameters().bannedJurisdictions());
        assertEquals(
                Set.of("api.access", "commercial.partnership"),
                rules.parameters().restrictedActions());
        // Parameters come out of the session in no promised order; find each test by its id.
        OwnershipMeasure majority = rules.parameters().ownershipTests().stream()
                .filter(t -> t.getId().equals("majority"))
                .findFirst()
                .orElseThrow();
        assertEquals(Semantics.RESTRICTED_BY_EXTENSION, majority.getSemantics());
        assertEquals(0, new BigDecimal("50").compareTo(majority.getThreshold()));
        assertEquals(Comparison.GREATER_THAN, majority.getComparison());
        OwnershipMeasure indirect = rules.parameters().ownershipTests().stream()
                .filter(t -> t.getId().equals("indirect"))
                .findFirst()
                .orElseThrow();
        assertEquals(Semantics.LOOK_THROUGH, indirect.getSemantics());
        assertEquals(0, new BigDecimal("25").compareTo(indirect.getThreshold()));
        assertEquals(Comparison.AT_LEAST, indirect.getComparison());
        assertTrue(rules.rules().size() >= 9);
        for (RuleInfo rule : rules.rules()) {
            assertTrue(POLICY.clause(rule.clause()).isPresent(), rule.name());
            assertTrue(rule.line() > 0 && rule.file().endsWith(".drl"), rule.name());
        }
        assertTrue(rules.version().matches("[0-9a-f]{16}"), rules.version());
    }

    @Test
    void theVersionIsAContentHashOfRulesAndPolicy() {
        List<RuleSource> sources = RuleSource.readDirectory(Path.of("rules"));
        String version = RuleSetCompiler.version(sources, POLICY);
        assertEquals(version, RuleSetCompiler.version(RuleSource.readDirectory(Path.of("rules")), POLICY));

        List<RuleSource> edited = new ArrayList<>(sources);
        RuleSource first = edited.get(0);
        edited.set(0, new RuleSource(first.name(), first.content() + "\n// an edit\n"));
        assertNotEquals(version, RuleSetCompiler.version(edited, POLICY));

        PolicyDocument editedPolicy = PolicyDocument.parse("policy.md", POLICY.content() + "\nAn added sentence.\n");
        assertNotEquals(version, RuleSetCompiler.version(sources, editedPolicy));
    }

    @Test
    void anEmptyRuleSetIsRejected() {
        RuleSetRejectedException rejected =
                assertThrows(RuleSetRejectedException.class, () -> compiler.compile(List.of(), POLICY));
        assertEquals(
                "(rules):0:0: the rule set has no `.drl` file",
                rejected.errors().get(0).toString());
    }

    @Test
    void aLoopingRuleSetFailsTheEvaluationInsteadOfHanging() {
        String looping = """
                package clearance.rules;
                import io.clearance.engine.facts.*;
                rule "Loops forever"
                    @clause("6.1") @description("Declares a new restricted action for every restricted action")
                when
                    Request()
                    $action : RestrictedAction()
                then
                    insert(new RestrictedAction($action.getAction() + "+"));
                end
                """;
        RuleSet rules = new RuleSetCompiler(new EvaluationLimits(Duration.ofMinutes(5), 500), EvaluationObserver.NONE)
                .compile(List.of(new RuleSource("loop.drl", looping)), POLICY);
        Evaluation evaluation = rules.evaluate(List.of(
                new io.clearance.engine.facts.Request("api.access", false),
                new io.clearance.engine.facts.RestrictedAction("api.access")));
        assertTrue(evaluation.isIndeterminate());
        assertEquals(
                Indeterminate.Cause.TOO_MANY_FIRINGS, evaluation.indeterminate().cause());
        assertEquals("Loops forever", evaluation.indeterminate().rule());
        assertTrue(evaluation.verdicts().isEmpty());
    }
}
