package io.clearance.packaging;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The packaged jar started as an operator starts it, in its production profile, for the integration tests:
 * on a free loopback port, with the project's rules and written policy, its database and audit data in a
 * scratch folder of its own that {@link #close()} removes. The environment given is added to the test's own
 * (so the PostgreSQL pass's {@code CLEARANCE_DB_URL} reaches the jar built for PostgreSQL).
 */
final class PackagedServer implements AutoCloseable {

    private static final int TAIL_LINES = 200;
    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    private final Process process;
    private final Path work;
    private final boolean ownsWork;
    private final int port;
    private final List<String> startLog;
    private final Deque<String> tail;

    private PackagedServer(
            Process process, Path work, boolean ownsWork, int port, List<String> startLog, Deque<String> tail) {
        this.tail = tail;
        this.process = process;
        this.work = work;
        this.ownsWork = ownsWork;
        this.port = port;
        this.startLog = startLog;
    }

    /**
     * Starts the jar and returns once it says where it listens (or has stopped: {@link #startLog()} says why).
     *
     * @param env variables to set; a {@code null} value removes the variable
     */
    static PackagedServer start(Map<String, String> env) throws IOException {
        return start(env, Files.createTempDirectory("clearance-packaged"), true, freePort(), List.of());
    }

    /**
     * Starts the jar in a working folder the caller keeps (its database, journal and keys survive a stop, as
     * a server's disk does across a restart) on a given port, with JVM options; {@link #close()} leaves the
     * folder in place.
     */
    static PackagedServer startIn(Path work, int port, List<String> jvmOptions, Map<String, String> env)
            throws IOException {
        return start(env, work, false, port, jvmOptions);
    }

    private static PackagedServer start(
            Map<String, String> env, Path work, boolean ownsWork, int port, List<String> jvmOptions)
            throws IOException {
        assumeTrue(Files.exists(JAR), "no packaged jar at " + JAR + ": run `./mvnw verify`");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        ProcessBuilder launch =
                new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        Map<String, String> environment = launch.environment();
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        environment.put("CLEARANCE_RULES_DIR", Path.of("rules").toAbsolutePath().toString());
        environment.put(
                "CLEARANCE_POLICIES_DIR", Path.of("policies").toAbsolutePath().toString());
        env.forEach((name, value) -> {
            if (value == null) {
                environment.remove(name);
            } else {
                environment.put(name, value);
            }
        });
        Process process = launch.start();
        Deque<String> tail = new ArrayDeque<>();
        return new PackagedServer(process, work, ownsWork, port, readUntilListening(process, tail), tail);
    }

    int port() {
        return port;
    }

    Process process() {
        return process;
    }

    /** The output of the start, up to the line saying where it listens. */
    List<String> startLog() {
        return startLog;
    }

    /** The status of a GET on loopback, or -1 when nothing answers there. */
    int status(String path) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** {@code kill -9}: the JVM gets no chance to flush, ship or say goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
        if (!ownsWork) {
            return;
        }
        try (Stream<Path> tree = Files.walk(work)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + work, e);
        }
    }

    /** The newest lines the server wrote after its start (up to {@value #TAIL_LINES}). */
    String recentLog() {
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }

    private static List<String> readUntilListening(Process process, Deque<String> tail) throws IOException {
        List<String> lines = new ArrayList<>();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            lines.add(line);
            if (line.contains("Listening on:")) {
                break;
            }
        }
        // Keep draining, so that the server never blocks on a full pipe; the newest lines are kept for a
        // failure's message.
        Thread drain = new Thread(() -> {
            try {
                String next;
                while ((next = out.readLine()) != null) {
                    synchronized (tail) {
                        tail.addLast(next);
                        if (tail.size() > TAIL_LINES) {
                            tail.removeFirst();
                        }
                    }
                }
            } catch (IOException ignored) {
                // the server stopped
            }
        });
        drain.setDaemon(true);
        drain.start();
        return lines;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
