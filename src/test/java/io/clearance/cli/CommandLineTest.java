package io.clearance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The authors' command line: exit codes and output that pre-commit hooks and CI can rely on. */
class CommandLineTest {

    @Test
    void validateAcceptsTheBundledRules() {
        CliRun run = run("validate", "rules", "--policy", "policies/policy.md");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().matches("ok: \\d+ rules, version [0-9a-f]{16}\\s*"), run.out());
    }

    @Test
    void validateListsEveryErrorWithItsPositionAndFails() {
        CliRun run = run("validate", "src/test/resources/broken-rules/two-files", "--policy", "policies/policy.md");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("a.drl:9:10: unknown type `NoSuchFact`"), run.err());
        assertTrue(run.err().contains("b.drl:14:1: rule `A rule without a clause` has no @clause"), run.err());
        assertTrue(run.err().contains("3 error(s)"), run.err());
    }

    @Test
    void testRunsTheScenariosAndReportsCoverage() {
        CliRun run = run("test", "policies", "--rules", "rules");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains(" passed, 0 failed"), run.out());
        assertTrue(run.out().contains("coverage: 20 of 20 rules"), run.out());
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
        CliRun run = run("test", policies.toString(), "--rules", "rules");
        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("one.yaml › wrongly expected to permit: FAILED"), run.out());
        assertTrue(run.out().contains("expected decision PERMIT, got DENY"), run.out());
        assertTrue(run.out().contains("uncovered: default.drl:"), run.out());
    }

    @Test
    void generateWritesAMixOfTermsAndImportReadsItBack(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("registry.jsonl");
        CliRun generated = run(
                "generate",
                "--parties",
                "2000",
                "--stakes",
                "6000",
                "--range-fraction",
                "0.5",
                "--out",
                file.toString());
        assertEquals(0, generated.exitCode(), generated.err());
        String text = Files.readString(file);
        assertTrue(text.contains("\"percent\":{\"min\":"), "no band written");
        assertTrue(text.contains("\"control\":[\"consolidation\"]"), "no consolidation written");
        assertTrue(text.contains("\"validFrom\":\"20"), "no date written");
        CliRun imported = run(
                "import",
                file.toString(),
                "--db-url",
                "jdbc:h2:file:" + folder.resolve("db").toAbsolutePath());
        assertEquals(0, imported.exitCode(), imported.err());
        assertTrue(imported.out().startsWith("imported 2,000 parties and "), imported.out());
        assertEquals(
                2,
                run("generate", "--parties", "10", "--stakes", "10", "--dated-fraction", "2", "--out", file.toString())
                        .exitCode());
    }

    @Test
    void importReadsABodsPackageNotingWhatItAssumedAndSkipped(@TempDir Path folder) {
        String bods = "src/test/resources/bods-0.4/joint-ownership.json";
        CliRun refused = run(
                "import",
                bods,
                "--db-url",
                "jdbc:h2:file:" + folder.resolve("refused").toAbsolutePath());
        assertEquals(1, refused.exitCode());
        assertTrue(
                refused.err().startsWith("import refused: joint-ownership.json: 3 party record(s) name no country"),
                refused.err());
        CliRun run = run(
                "import",
                bods,
                "--country-if-unknown",
                "GB",
                "--db-url",
                "jdbc:h2:file:" + folder.resolve("db").toAbsolutePath());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("imported 4 parties and 3 stakes"), run.out());
        assertTrue(run.err().contains("note: record `91b4236a7d89`: no country in the package; GB assumed"), run.err());
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }
}
