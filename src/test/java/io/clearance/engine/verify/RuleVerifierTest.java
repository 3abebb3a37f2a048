package io.clearance.engine.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.clearance.engine.CompileError;
import io.clearance.engine.RuleSetCompiler;
import io.clearance.engine.RuleSetRejectedException;
import io.clearance.engine.RuleSource;
import io.clearance.policy.PolicyDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Rules are data that cannot act. Each folder under {@code src/test/resources/escape-rules} is one kind of
 * escape from the allowlist (a call out through a fully qualified name, an import, reflection, a thread, a
 * unicode escape, a function, a global, an eval, a from, custom accumulate code, a lambda, a loop...), with
 * the exact refusals the compiler must report in {@code expected-errors.txt}, before Drools sees the file.
 */
class RuleVerifierTest {

    private static final PolicyDocument POLICY = PolicyDocument.read(Path.of("policies/policy.md"));
    private static final Path ESCAPES = Path.of("src/test/resources/escape-rules");

    private final RuleVerifier verifier = new RuleVerifier();

    @TestFactory
    Stream<DynamicTest> everyEscapeIsRefusedWithItsPosition() throws IOException {
        List<Path> fixtures;
        try (Stream<Path> folders = Files.list(ESCAPES)) {
            fixtures = folders.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(fixtures.size() >= 20, "escape fixtures are missing");
        return fixtures.stream()
                .map(folder -> dynamicTest(folder.getFileName().toString(), () -> {
                    List<String> expected = Files.readAllLines(folder.resolve("expected-errors.txt")).stream()
                            .filter(line -> !line.isBlank())
                            .toList();
                    RuleSetRejectedException rejected = assertThrows(
                            RuleSetRejectedException.class,
                            () -> new RuleSetCompiler().compile(RuleSource.readDirectory(folder), POLICY));
                    assertEquals(
                            expected,
                            rejected.errors().stream()
                                    .map(CompileError::toString)
                                    .toList());
                }));
    }

    @Test
    void theBundledRulesPass() {
        assertEquals(List.of(), verifier.verify(RuleSource.readDirectory(Path.of("rules"))));
    }

    @Test
    void aRuleThatOnlyComputesAndInsertsPasses() {
        String rule = """
                package clearance.rules;
                import io.clearance.engine.facts.*;
                import java.util.List;
                import java.time.Instant;
                rule "Computes with allowed types"
                    @clause("6.1") @description("reads facts, computes, inserts")
                    salience -10
                when
                    $request : Request($action : action, $at : at, action.startsWith("api"), this != null)
                    $subject : Subject(id != null, country == "FR" || country == "DE")
                    $findings : List() from collect (OwnershipFinding(partyId == $subject.id))
                    $count : Number() from accumulate (OwnershipFinding($p : partyId), count($p))
                    eval($action.length() > 2)
                    not Deny()
                then
                    String label = $subject.label().toUpperCase() + " " + $action.substring(0, 3);
                    int hits = $findings.size() + 1;
                    if (hits > 1 && $at.isAfter(Instant.EPOCH)) {
                        label = label + " (" + hits + ")";
                    } else {
                        label += String.valueOf($count);
                    }
                    insert(Permit.because(label, Evidence.of("party", $subject.evidence(), "n", hits)));
                end
                """;
        assertEquals(List.of(), verifier.verify(List.of(new RuleSource("ok.drl", rule))));
    }

    @Test
    void anEscapedBackslashBeforeUIsNotAnEscape() {
        SourceText text = new SourceText("a.drl", "\"\\\\u0041\" \\\\\\u0041");
        List<CompileError> found = UnicodeEscapes.find(text);
        assertEquals(1, found.size());
        assertEquals(1, found.get(0).line());
        assertEquals(13, found.get(0).column());
        assertFalse(found.get(0).message().isEmpty());
    }
}
