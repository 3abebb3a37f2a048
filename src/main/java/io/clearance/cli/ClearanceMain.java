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
        String[] command = args.length == 0 ? new String[] {"serve"} : args;
        System.exit(ClearanceCommand.commandLine().execute(command));
    }
}
