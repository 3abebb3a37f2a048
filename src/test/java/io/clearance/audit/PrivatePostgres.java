package io.clearance.audit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL cluster of the test's own, in a temporary folder on a free port, that the test may stop and
 * start as an operator would ({@code pg_ctl stop/start}). The shared cluster on 5432 serves other tests and
 * CI's second pass: stopping it would test their patience, not Clearance.
 *
 * <p>Uses the server binaries of the machine's PostgreSQL packages; as root it runs them as the
 * {@code postgres} user, because PostgreSQL refuses to run as root.
 */
public class PrivatePostgres implements QuarkusTestResourceLifecycleManager {

    private static Path dataDir;
    private static Path binDir;
    private static int port;

    @Override
    public Map<String, String> start() {
        try {
            binDir = serverBinaries();
            port = freePort();
            Path base = Files.createTempDirectory("clearance-pg-");
            dataDir = base.resolve("data");
            if (asRoot()) {
                run(List.of("chown", "postgres:postgres", base.toString()));
            }
            run(pg("initdb", "-D", dataDir.toString(), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"));
            start(true);
            run(pg("createdb", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "postgres", "clearance"));
        } catch (IOException e) {
            throw new IllegalStateException("could not start a private PostgreSQL cluster: " + e.getMessage(), e);
        }
        return Map.of(
                "quarkus.datasource.db-kind", "postgresql",
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + port + "/clearance",
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "",
                // Fail fast while the cluster is away rather than hold the request for the pool's default wait.
                "quarkus.datasource.jdbc.acquisition-timeout", "2s");
    }

    @Override
    public void stop() {
        if (dataDir != null) {
            try {
                run(pg("pg_ctl", "-D", dataDir.toString(), "-m", "immediate", "-w", "stop"));
            } catch (IOException ignored) {
                // already stopped by the test
            }
        }
    }

    /** Stops the cluster as an operator would for maintenance: fast shutdown, connections cut. */
    static void stopCluster() throws IOException {
        run(pg("pg_ctl", "-D", dataDir.toString(), "-m", "fast", "-w", "stop"));
    }

    static void startCluster() throws IOException {
        start(true);
    }

    private static void start(boolean wait) throws IOException {
        String options =
                "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + dataDir + " -c fsync=off";
        run(pg(
                "pg_ctl",
                "-D",
                dataDir.toString(),
                "-o",
                options,
                "-l",
                dataDir.resolve("server.log").toString(),
                wait ? "-w" : "-W",
                "start"));
    }

    private static List<String> pg(String tool, String... args) {
        List<String> command = new ArrayList<>();
        if (asRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(binDir.resolve(tool).toString());
        command.addAll(List.of(args));
        return command;
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + process.exitValue() + ": " + output);
        }
    }

    private static Path serverBinaries() throws IOException {
        Path lib = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(lib)) {
            throw new IOException("no PostgreSQL server binaries under " + lib + " (Debian package postgresql)");
        }
        try (var versions = Files.list(lib)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .max(Path::compareTo)
                    .orElseThrow(() -> new IOException("no initdb under " + lib));
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
