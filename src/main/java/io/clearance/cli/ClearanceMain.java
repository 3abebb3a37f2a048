package io.clearance.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;
import java.util.Set;
import picocli.CommandLine;

/**
 * The entry point of the jar. With no arguments (or {@code serve}) it starts the server; with an author's
 * command ({@code validate}, {@code test}, {@code impact}) or a registry tool ({@code generate}, {@code import}) it runs that command without starting Quarkus,
 * so that it works beside a running server and needs no database.
 */
@QuarkusMain
public final class ClearanceMain {

    private static final Set<String> COMMANDS = Set.of(
            "validate", "test", "impact", "audit-verify", "generate", "import", "help", "--help", "-h", "--version");

    ClearanceMain() {}

    public static void main(String... args) {
        if (args.length > 0 && COMMANDS.contains(args[0])) {
            System.exit(new CommandLine(new ClearanceCommand()).execute(args));
        }
        String[] serverArgs =
                args.length > 0 && args[0].equals("serve") ? Arrays.copyOfRange(args, 1, args.length) : args;
        Quarkus.run(serverArgs);
    }
}
