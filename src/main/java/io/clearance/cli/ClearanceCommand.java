package io.clearance.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** {@code clearance}: the top of the command tree. */
@Command(
        name = "clearance",
        mixinStandardHelpOptions = true,
        version = "clearance 0.1.0",
        description = "Policy decision point for AI-access restrictions. Without a command, starts the server.",
        subcommands = {
            ValidateCommand.class,
            TestCommand.class,
            ImpactCommand.class,
            AuditVerifyCommand.class,
            GenerateCommand.class,
            ImportCommand.class,
            HelpCommand.class
        })
public final class ClearanceCommand {}
