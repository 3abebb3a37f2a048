package io.clearance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The command tree as a newcomer meets it: one list of commands, {@code --help} on each, and a mistyped
 * command answered with the usage and exit code 2, never a server start.
 */
class ClearanceCommandTest {

    @Test
    void theOneListNamesEveryCommandServeIncluded() {
        assertEquals(
                List.of("serve", "validate", "test", "impact", "audit-verify", "generate", "import", "help"),
                List.copyOf(ClearanceCommand.commandLine().getSubcommands().keySet()));
    }

    @TestFactory
    Stream<DynamicTest> everyCommandAnswersHelp() {
        return ClearanceCommand.commandLine().getSubcommands().keySet().stream()
                .map(name -> DynamicTest.dynamicTest(name + " --help", () -> {
                    CliRun run = CliRun.of(name, "--help");
                    assertEquals(0, run.exitCode(), run.err());
                    assertTrue(run.out().contains("Usage: clearance " + name), run.out());
                    assertEquals("", run.err());
                }));
    }

    @Test
    void anUnknownCommandPrintsTheUsageToStderrAndExits2() {
        CliRun run = CliRun.of("bogus");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Unmatched argument at index 0: 'bogus'"), run.err());
        assertTrue(run.err().contains("Usage: clearance"), run.err());
        assertTrue(run.err().contains("serve"), "the usage lists the commands: " + run.err());
        assertEquals("", run.out());
    }

    @Test
    void serveTakesNoArgumentsSoAMistypedOneNeverStartsTheServer() {
        CliRun run = CliRun.of("serve", "--port", "9000");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Unknown options: '--port', '9000'"), run.err());
    }

    @Test
    void theTopLevelHelpDocumentsTheExitCodes() {
        CliRun run = CliRun.of("--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("Exit codes:"), run.out());
        assertTrue(run.out().contains("2   usage error"), run.out());
        assertFalse(run.out().contains("Unknown option"), run.out());
    }

    @Test
    void impactHelpDocumentsItsGate() {
        CliRun run = CliRun.of("impact", "--help");
        assertTrue(run.out().contains("--fail-on-change"), run.out());
        assertTrue(run.out().contains("1   some decision changes and --fail-on-change is given"), run.out());
    }
}
