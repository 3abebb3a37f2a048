package io.clearance.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One instance of a cluster under test: the packaged jar with an instance id, a working folder (its journal,
 * head files and keys) that outlives a {@code kill -9}, and a fixed loopback port, so that a restart is the
 * same instance coming back as a restarted machine would.
 */
final class ClusterNode implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** An answer: its status, its body read as JSON (missing when it is not JSON), its headers. */
    record Answer(int status, JsonNode body, HttpHeaders headers) {

        String text(String field) {
            return body.path(field).asText(null);
        }
    }

    private final String id;
    private final Path work;
    private final int port;
    private final String adminKey;
    private final Map<String, String> env;
    private volatile PackagedServer server;

    ClusterNode(String id, Path work, String adminKey, Map<String, String> env) throws IOException {
        this.id = id;
        this.work = Files.createDirectories(work);
        this.port = PackagedServer.freePort();
        this.adminKey = adminKey;
        this.env = new HashMap<>(env);
        // The instance id names this instance's audit chain and its place in the registry's followers.
        this.env.put("CLEARANCE_INSTANCE_ID", id);
        this.env.put("CLEARANCE_ADMIN_KEY", adminKey);
    }

    String id() {
        return id;
    }

    int port() {
        return port;
    }

    /** Starts the jar; {@code extra} adds to (or, with a null value, removes from) the node's environment. */
    void start(Map<String, String> extra) throws IOException {
        Map<String, String> all = new HashMap<>(env);
        all.putAll(extra);
        // A small heap: three instances, the build and the test share a small machine.
        server = PackagedServer.startIn(work, port, List.of("-Xmx384m", "-XX:+UseSerialGC"), all);
    }

    /** Waits, within {@code bound}, for readiness; false when it never came. */
    boolean awaitReady(Duration bound) throws InterruptedException {
        return eventually(bound, () -> server.status("/q/health/ready") == 200);
    }

    void kill() throws InterruptedException {
        server.kill();
    }

    boolean alive() {
        return server != null && server.process().isAlive();
    }

    /** For a failure's message: whether it runs, its readiness, and the end of what it wrote. */
    String recentLog() {
        if (server == null) {
            return "(never started)";
        }
        String state = server.process().isAlive()
                ? "running, readiness " + readiness()
                : "stopped with exit code " + server.process().exitValue();
        List<String> start = server.startLog();
        return id + " " + state + "\n--- start (last lines)\n"
                + String.join("\n", start.subList(Math.max(0, start.size() - 40), start.size()))
                + "\n--- since\n" + server.recentLog();
    }

    private String readiness() {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            return "not answering: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    Answer post(String path, Object body) throws IOException, InterruptedException {
        return send("POST", path, body);
    }

    Answer put(String path, Object body) throws IOException, InterruptedException {
        return send("PUT", path, body);
    }

    Answer decide(Map<String, Object> request) throws IOException, InterruptedException {
        return post("/v1/decisions", request);
    }

    /** A request as an operator's client makes it: with the admin key, JSON in and out, bounded in time. */
    Answer send(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminKey);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json;
        try {
            json = answer.body().isEmpty() ? MissingNode.getInstance() : JSON.readTree(answer.body());
        } catch (IOException notJson) {
            json = MissingNode.getInstance();
        }
        return new Answer(answer.statusCode(), json, answer.headers());
    }

    /** Asks until the answer satisfies {@code wanted} or the bound passes; returns the last answer. */
    Answer askUntil(Duration bound, Predicate<Answer> wanted, Call call) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        Answer last = null;
        while (true) {
            try {
                last = call.on(this);
                if (wanted.test(last)) {
                    return last;
                }
            } catch (IOException refused) {
                // not answering (yet): ask again
            }
            if (System.nanoTime() > deadline) {
                return last;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** A call on a node, for {@link #askUntil}. */
    interface Call {
        Answer on(ClusterNode node) throws IOException, InterruptedException;
    }

    /** A condition checked every 100 ms until it holds or the bound passes. */
    static boolean eventually(Duration bound, Check check) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (check.holds()) {
                    return true;
                }
            } catch (Exception notYet) {
                // not yet: check again
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return false;
    }

    /** A condition for {@link #eventually}. */
    interface Check {
        boolean holds() throws Exception;
    }

    @Override
    public void close() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }
}
