package io.clearance.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar started as a local trial is: {@code CLEARANCE_AUTH_ENABLED=false} and no host named. An
 * open Clearance must not be reachable from the network, so {@code LoopbackWhenOpen} binds it to
 * {@code 127.0.0.1} instead of the default {@code 0.0.0.0}, and every start logs the warning. Checked on the
 * real jar in its production profile, with a socket to a non-loopback address of this machine (when it has
 * one) that must find nobody listening. Run by failsafe after the jar is built.
 */
class OpenJarIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    private Process server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor();
        }
    }

    @Test
    void anOpenServerListensOnLoopbackOnlyAndSaysSo() throws Exception {
        Assumptions.assumeTrue(Files.exists(JAR), "no packaged jar at " + JAR + ": run `./mvnw verify`");
        int port = freePort();
        Path work = Files.createTempDirectory("clearance-open-jar");
        ProcessBuilder launch = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        JAR.toAbsolutePath().toString())
                .directory(work.toFile())
                .redirectErrorStream(true);
        launch.environment().put("CLEARANCE_AUTH_ENABLED", "false");
        launch.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        // The project's rules and written policy; its database and audit data in a folder of its own.
        launch.environment()
                .put("CLEARANCE_RULES_DIR", Path.of("rules").toAbsolutePath().toString());
        launch.environment()
                .put(
                        "CLEARANCE_POLICIES_DIR",
                        Path.of("policies").toAbsolutePath().toString());
        launch.environment().remove("QUARKUS_HTTP_HOST");
        launch.environment().remove("CLEARANCE_ADMIN_KEY");
        // CLEARANCE_DB_URL is kept: the PostgreSQL pass builds a jar for PostgreSQL, which cannot open H2.
        server = launch.start();

        List<String> log = readUntilListening(server);
        String all = String.join("\n", log);
        assertTrue(all.contains("AUTHENTICATION IS DISABLED"), "the start did not warn:\n" + all);
        assertTrue(
                all.contains("Listening on: http://127.0.0.1:" + port),
                "the open server does not say it listens on loopback only:\n" + all);

        // Reachable where the operator sits...
        HttpResponse<String> ready = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode(), ready.body());

        // ...and from nowhere else.
        Optional<InetAddress> outside = nonLoopbackAddress();
        Assumptions.assumeTrue(
                outside.isPresent(), "this machine has no non-loopback address to try the open server from");
        try (Socket socket = new Socket()) {
            assertThrows(
                    ConnectException.class,
                    () -> socket.connect(new InetSocketAddress(outside.get(), port), 10_000),
                    "the open server answers on " + outside.get().getHostAddress());
        }
    }

    /** The server's output up to the line saying where it listens (or to its end, if it stopped). */
    private static List<String> readUntilListening(Process process) throws IOException {
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
        // Keep draining, so that the server never blocks on a full pipe.
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discarded: the assertions read the start only
                }
            } catch (IOException ignored) {
                // the server stopped
            }
        });
        drain.setDaemon(true);
        drain.start();
        return lines;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }
}
