package io.clearance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The words that run a command instead of the server come from the one command list, {@link ClearanceCommand}. */
class ClearanceMainTest {

    @Test
    void everyDeclaredCommandAndHelpOptionRunsTheCommandLine() {
        Set<String> words = ClearanceMain.commandWords(new CommandLine(new ClearanceCommand()));
        assertEquals(
                Set.of(
                        "validate",
                        "test",
                        "impact",
                        "audit-verify",
                        "generate",
                        "import",
                        "help",
                        "-h",
                        "--help",
                        "-V",
                        "--version"),
                words);
        assertFalse(words.contains("serve"), "serve starts the server");
    }
}
