package io.clearance.cli;

import io.quarkus.runtime.Quarkus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code clearance serve}: starts the server, as {@code clearance} without a command does. It takes no
 * arguments: the server is configured by {@code application.properties}, environment variables and
 * {@code -D} system properties.
 */
@Command(
        name = "serve",
        description = {
            "Start the server (the default without a command); Ctrl-C stops it.",
            "Configured by environment variables (CLEARANCE_*) and -D system properties, see README.md."
        })
final class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        // Runs until the server stops, then ends the JVM with the server's exit code.
        Quarkus.run();
        return 0;
    }
}
