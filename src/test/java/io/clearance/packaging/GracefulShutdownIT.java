package io.clearance.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An instance leaves service in the order a load balancer needs: on SIGTERM its readiness answers 503 while
 * it still serves (so traffic moves away before the port closes), and only then does it stop; the requests
 * in flight when SIGTERM arrives are answered and audited. Checked on the packaged jar in its production
 * profile, where the delay and the drain are configured.
 */
class GracefulShutdownIT {

    private static final int CLIENTS = 4;
    private static final int BATCH = 100;
    private static final Pattern DECISION_ID = Pattern.compile("\"decisionId\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * {@value #CLIENTS} clients send batches of {@value #BATCH} decisions back to back, so that each has one
     * under way when SIGTERM arrives; each stops sending once it is sent. Every batch sent before SIGTERM is
     * answered 200 in full, and every decision of those answered after it (the ones in flight) is in the audit
     * when the server is started again on the same data.
     */
    @Test
    void requestsInFlightAtSigtermAreAnsweredAndNoneIsLostFromTheAudit() throws Exception {
        Path work = Files.createTempDirectory("clearance-drain");
        int port = PackagedServer.freePort();
        Map<String, String> env = Map.of("CLEARANCE_AUTH_ENABLED", "false");
        List<String> inFlight = Collections.synchronizedList(new ArrayList<>());
        try {
            try (PackagedServer server = PackagedServer.startIn(work, port, List.of(), env)) {
                assertEquals(200, server.status("/q/health/ready"), String.join("\n", server.startLog()));
                AtomicBoolean termSent = new AtomicBoolean();
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
                List<Future<List<String>>> sent = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    sent.add(clients.submit(() -> sendUntil(port, termSent, inFlight)));
                }
                Thread.sleep(1000); // the clients under way (not a measurement: any moment would do)
                termSent.set(true);
                server.process().destroy(); // SIGTERM, as a container platform sends it
                List<String> failures = new ArrayList<>();
                for (Future<List<String>> client : sent) {
                    failures.addAll(client.get(60, TimeUnit.SECONDS));
                }
                clients.shutdown();
                assertTrue(failures.isEmpty(), "batches sent before SIGTERM were not answered in full: " + failures);
                assertTrue(server.process().waitFor(30, TimeUnit.SECONDS), "the server did not stop after SIGTERM");
            }
            assertTrue(!inFlight.isEmpty(), "no batch was in flight at SIGTERM: the test proved nothing");
            try (PackagedServer again = PackagedServer.startIn(work, port, List.of(), env)) {
                List<String> missing = new ArrayList<>();
                for (String id : inFlight) {
                    if (auditStatus(port, id) != 200) {
                        missing.add(id);
                    }
                }
                assertEquals(List.of(), missing, "decisions answered while draining but not in the audit");
            }
        } finally {
            try (Stream<Path> tree = Files.walk(work)) {
                for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    // Sends batches until SIGTERM is sent; returns what went wrong with those sent before it, and adds the
    // decision ids of a batch answered after it (in flight at SIGTERM) to `inFlight`.
    private static List<String> sendUntil(int port, AtomicBoolean termSent, List<String> inFlight) {
        StringBuilder body = new StringBuilder("{\"requests\":[");
        for (int i = 0; i < BATCH; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"subject\":{\"partyId\":\"lion-city-holdings\"},\"action\":\"api.access\"}");
        }
        body.append("]}");
        List<String> failures = new ArrayList<>();
        while (!termSent.get()) {
            try {
                HttpResponse<String> answer = HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/decisions/batch"))
                                .timeout(Duration.ofSeconds(60))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                List<String> ids = new ArrayList<>();
                Matcher id = DECISION_ID.matcher(answer.body());
                while (id.find()) {
                    ids.add(id.group(1));
                }
                if (answer.statusCode() != 200 || ids.size() != BATCH) {
                    failures.add(answer.statusCode() + " with " + ids.size() + " decision ids");
                } else if (termSent.get()) {
                    inFlight.addAll(ids);
                }
            } catch (IOException e) {
                failures.add(e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add("interrupted");
            }
        }
        return failures;
    }

    // The status of GET /v1/audit/decisions/{id}, once the restarted server has shipped what its journal held.
    private static int auditStatus(int port, String id) throws IOException, InterruptedException {
        int status = -1;
        for (int attempt = 0; attempt < 300 && status != 200; attempt++) {
            status = HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/audit/decisions/" + id))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (status != 200) {
                Thread.sleep(100);
            }
        }
        return status;
    }

    @Test
    void readinessGoesDownBeforeThePortCloses() throws Exception {
        try (PackagedServer server = PackagedServer.start(Map.of("CLEARANCE_AUTH_ENABLED", "false"))) {
            assertEquals(200, server.status("/q/health/ready"), String.join("\n", server.startLog()));

            server.process().destroy(); // SIGTERM, as a container platform sends it
            List<String> seen = new ArrayList<>();
            boolean servedWhileLeaving = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                int ready = server.status("/q/health/ready");
                int live = server.status("/q/health/live");
                seen.add(ready + "/" + live);
                if (ready == 503 && live == 200) {
                    servedWhileLeaving = true;
                }
                if (ready == -1) {
                    break; // the port closed
                }
                Thread.sleep(100);
            }
            assertTrue(
                    servedWhileLeaving,
                    "readiness never answered 503 while the server still served; ready/live seen: " + seen);
            assertTrue(server.process().waitFor(30, TimeUnit.SECONDS), "the server did not stop after SIGTERM");
        }
    }
}
