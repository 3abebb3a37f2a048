package io.clearance.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import picocli.CommandLine;

/**
 * The entry point of the jar. With no arguments (or {@code serve}) it starts the server; with an author's
 * command ({@code validate}, {@code test}, {@code impact}) or a registry tool ({@code generate}, {@code import})
 * it runs that command without starting Quarkus, so that it works beside a running server and needs no
 * database. The commands are those {@link ClearanceCommand} lists.
 */
@QuarkusMain
public final class ClearanceMain {

    ClearanceMain() {}

    public static void main(String... args) {
        CommandLine cli = new CommandLine(new ClearanceCommand());
        if (args.length > 0 && commandWords(cli).contains(args[0])) {
            System.exit(cli.execute(args));
        }
        String[] serverArgs =
                args.length > 0 && args[0].equals("serve") ? Arrays.copyOfRange(args, 1, args.length) : args;
        Quarkus.run(serverArgs);
    }

    /**
     * The words that run a command rather than the server: the subcommands and options that {@link
     * ClearanceCommand} declares (its list is the only one), such as {@code validate} or {@code --help}.
     */
    static Set<String> commandWords(CommandLine cli) {
        Set<String> words = new HashSet<>(cli.getSubcommands().keySet());
        cli.getCommandSpec().options().forEach(option -> words.addAll(Arrays.asList(option.names())));
        return words;
    }
}
