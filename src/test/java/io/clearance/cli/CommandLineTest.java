package io.clearance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The authors' command line: exit codes and output that pre-commit hooks and CI can rely on. */
class CommandLineTest {

    @Test
    void validateAcceptsTheBundledRules() {
        Run run = run("validate", "rules", "--policy", "policies/policy.md");
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.matches("ok: \\d+ rules, version [0-9a-f]{16}\\s*"), run.out);
    }

    @Test
    void validateListsEveryErrorWithItsPositionAndFails() {
        Run run = run("validate", "src/test/resources/broken-rules/two-files", "--policy", "policies/policy.md");
        assertEquals(1, run.exitCode);
        assertTrue(run.err.contains("a.drl:9:10: unknown type `NoSuchFact`"), run.err);
        assertTrue(run.err.contains("b.drl:14:1: rule `A rule without a clause` has no @clause"), run.err);
        assertTrue(run.err.contains("3 error(s)"), run.err);
    }

    @Test
    void testRunsTheScenariosAndReportsCoverage() {
        Run run = run("test", "policies", "--rules", "rules");
        assertEquals(0, run.exitCode, run.out + run.err);
        assertTrue(run.out.contains(" passed, 0 failed"), run.out);
        assertTrue(run.out.contains("coverage: 14 of 14 rules"), run.out);
    }

    @Test
    void testFailsOnAFailingScenarioAndOnAnUncoveredRule(@TempDir Path policies) throws IOException {
        Files.copy(Path.of("policies/policy.md"), policies.resolve("policy.md"));
        Files.createDirectories(policies.resolve("tests"));
        Files.writeString(policies.resolve("tests/one.yaml"), """
                parties: [{id: cn, name: CN Co, kind: COMPANY, country: CN}]
                cases:
                  - name: wrongly expected to permit
                    request: {subject: cn, action: api.access}
                    expect: {decision: PERMIT}
                """);
        Run run = run("test", policies.toString(), "--rules", "rules");
        assertEquals(1, run.exitCode);
        assertTrue(run.out.contains("one.yaml › wrongly expected to permit: FAILED"), run.out);
        assertTrue(run.out.contains("expected decision PERMIT, got DENY"), run.out);
        assertTrue(run.out.contains("uncovered: default.drl:"), run.out);
    }

    @Test
    void generateWritesAMixOfTermsAndImportReadsItBack(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("registry.jsonl");
        Run generated = run(
                "generate",
                "--parties",
                "2000",
                "--stakes",
                "6000",
                "--range-fraction",
                "0.5",
                "--out",
                file.toString());
        assertEquals(0, generated.exitCode, generated.err);
        String text = Files.readString(file);
        assertTrue(text.contains("\"percent\":{\"min\":"), "no band written");
        assertTrue(text.contains("\"control\":[\"consolidation\"]"), "no consolidation written");
        assertTrue(text.contains("\"validFrom\":\"20"), "no date written");
        Run imported = run(
                "import",
                file.toString(),
                "--db-url",
                "jdbc:h2:file:" + folder.resolve("db").toAbsolutePath());
        assertEquals(0, imported.exitCode, imported.err);
        assertTrue(imported.out.startsWith("imported 2,000 parties and "), imported.out);
        assertEquals(
                2,
                run("generate", "--parties", "10", "--stakes", "10", "--dated-fraction", "2", "--out", file.toString())
                        .exitCode);
    }

    @Test
    void importReadsABodsPackageNotingWhatItAssumedAndSkipped(@TempDir Path folder) {
        String bods = "src/test/resources/bods-0.4/joint-ownership.json";
        Run refused = run(
                "import",
                bods,
                "--db-url",
                "jdbc:h2:file:" + folder.resolve("refused").toAbsolutePath());
        assertEquals(1, refused.exitCode);
        assertTrue(
                refused.err.startsWith("import refused: joint-ownership.json: 3 party record(s) name no country"),
                refused.err);
        Run run = run(
                "import",
                bods,
                "--country-if-unknown",
                "GB",
                "--db-url",
                "jdbc:h2:file:" + folder.resolve("db").toAbsolutePath());
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.startsWith("imported 4 parties and 3 stakes"), run.out);
        assertTrue(run.err.contains("note: record `91b4236a7d89`: no country in the package; GB assumed"), run.err);
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exitCode = new CommandLine(new ClearanceCommand()).execute(args);
            return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    private record Run(int exitCode, String out, String err) {}
}
