package io.clearance.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.ScopeType;

/**
 * {@code clearance}: the top of the command tree and the one list of its commands. {@code --help} and
 * {@code --version} are inherited, so that every command answers them.
 */
@Command(
        name = "clearance",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        version = "clearance 0.1.0",
        description = "Policy decision point for AI-access restrictions. Without a command, starts the server.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the command ran and refused or failed (see its --help)", "2:usage error"},
        subcommands = {
            ServeCommand.class,
            ValidateCommand.class,
            TestCommand.class,
            ImpactCommand.class,
            AuditVerifyCommand.class,
            GenerateCommand.class,
            ImportCommand.class,
            HelpCommand.class
        })
public final class ClearanceCommand {

    /** The command line as {@code clearance} parses it: what {@link ClearanceMain} and the tests run. */
    public static CommandLine commandLine() {
        return new CommandLine(new ClearanceCommand());
    }
}
