package io.clearance.cli;

import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The entry point of the jar. With no arguments it starts the server ({@code serve}); otherwise it runs the
 * command {@link ClearanceCommand} names, the one list of commands. An author's command ({@code validate},
 * {@code test}, {@code impact}) or a registry tool ({@code generate}, {@code import}) runs without starting
 * Quarkus, so that it works beside a running server; an unknown command prints the usage and exits 2,
 * never starting the server.
 */
@QuarkusMain
public final class ClearanceMain {

    private ClearanceMain() {}

    public static void main(String... args) {
        if (args.length == 0) {
            // What `serve` runs, without building the command tree first: picocli reads every command's
            // annotations by reflection, a measurable part of a server's start for nothing it uses.
            System.exit(new ServeCommand().call());
        }
        System.exit(ClearanceCommand.commandLine().execute(args));
    }
}
