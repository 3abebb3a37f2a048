package io.clearance.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A watch's event stream open when the packaged jar gets SIGTERM ends with {@code event: shutdown} and the end
 * of its response, rather than with a connection reset or a response cut short: the real signal, where
 * {@code WatchStreamEndsTest} fires the shutdown-delay event by hand.
 */
class StreamShutdownIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void anOpenStreamEndsWithAShutdownEventOnSigterm() throws Exception {
        endsWithShutdown(Map.of("CLEARANCE_AUTH_ENABLED", "false"));
    }

    private static void endsWithShutdown(Map<String, String> env) throws Exception {
        try (PackagedServer server = PackagedServer.start(env)) {
            assertEquals(200, server.status("/q/health/ready"), String.join("\n", server.startLog()));
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> created = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + "/v1/watches"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"scope\": \"all\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            String location = created.headers().firstValue("Location").orElseThrow();

            HttpResponse<Stream<String>> stream = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + location + "/events"))
                            .header("Accept", "text/event-stream")
                            .build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, stream.statusCode());
            Iterator<String> lines = stream.body().iterator();
            String opening = lines.next(); // on the wire: the stream is open
            CompletableFuture<List<String>> read = CompletableFuture.supplyAsync(() -> {
                List<String> seen = new ArrayList<>(List.of(opening));
                try {
                    lines.forEachRemaining(seen::add);
                } catch (RuntimeException cutShort) {
                    seen.add("!! " + cutShort); // a reset or a response without its end
                }
                return seen;
            });

            server.process().destroy(); // SIGTERM, as a container platform sends it
            List<String> seen = read.get(60, TimeUnit.SECONDS);
            assertTrue(server.process().waitFor(60, TimeUnit.SECONDS), "the server did not stop after SIGTERM");
            int event = seen.lastIndexOf("event:shutdown");
            assertTrue(event >= 0, "no shutdown event: " + seen + "\n" + server.recentLog());
            assertTrue(
                    seen.get(event + 1).startsWith("data:{\"kind\":\"stream.end\",\"reason\":\"shutdown\""),
                    seen::toString);
            assertTrue(seen.subList(event + 2, seen.size()).stream().allMatch(String::isEmpty), seen::toString);
        }
    }
}
