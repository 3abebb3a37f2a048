package io.clearance.api;

import static io.clearance.api.ApiTestSupport.api;
import static io.clearance.api.ApiTestSupport.createParty;
import static io.clearance.api.ApiTestSupport.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.watch.EventStreams;
import io.clearance.watch.StreamPublishing;
import io.clearance.watch.WatchService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The ways a watch's event stream ends that {@link WatchStreamEndsTest} does not reach, over real connections:
 * a cut whose final event the connection cannot take (its write queue full) or the client does not read
 * within {@code stream-drain} closes the connection; a deleted watch's stream ends with a {@code deleted}
 * event, whether its client reads or not, and so does one asked for as the watch goes; streams beyond
 * {@code stream-max} are refused with a problem; an unknown watch is a 404 problem to an {@code EventSource}
 * too. Each is counted in {@code clearance_watch_streams_cut_total} and leaves {@code _open} as it found it.
 */
@QuarkusTest
@TestProfile(WatchStreamEdgesTest.SmallStreams.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WatchStreamEdgesTest {

    private static final int BUFFER = 4;
    private static final int MAX_STREAMS = 3;
    private static final Duration WAIT = Duration.ofSeconds(60);
    // An event larger than the most a socket's send buffer holds (Linux: 4 MiB) and the connection's write queue
    // mark (64 KiB) together: while its client does not read, the first such event keeps the write queue full.
    private static final int HUGE = 8 * 1024 * 1024;

    /** A short buffer, drain and heartbeat, and few streams. */
    public static class SmallStreams implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "clearance.watches.stream-buffer",
                    Integer.toString(BUFFER),
                    "clearance.watches.stream-heartbeat",
                    "200ms",
                    "clearance.watches.stream-drain",
                    "1s",
                    "clearance.watches.stream-max",
                    Integer.toString(MAX_STREAMS));
        }
    }

    private final ObjectMapper json = new ObjectMapper();

    @Inject
    EventStreams streams;

    @Inject
    WatchService watches;

    @Inject
    MeterRegistry metrics;

    @Inject
    WatchStreamConnections connections;

    private static String createWatch() {
        String party = createParty(unique("edge"), "COMPANY", "DE");
        return api().body(Map.of("scope", "parties", "partyIds", List.of(party)))
                .when()
                .post("/v1/watches")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static HttpRequest eventsOf(String watchId) {
        return HttpRequest.newBuilder(
                        URI.create("http://localhost:" + RestAssured.port + "/v1/watches/" + watchId + "/events"))
                .header("Accept", "text/event-stream")
                .build();
    }

    private double cuts(String reason, String notice) {
        Counter counter = metrics.find("clearance.watch.streams.cut")
                .tags("reason", reason, "notice", notice)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double openStreams() {
        return metrics.find("clearance.watch.streams.open").gauge().value();
    }

    /** A connection that asks for a watch's events and then reads nothing until told to. */
    private static Socket stalledStream(String watchId) throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096); // before connecting: the window the server sees stays small
        socket.setSoTimeout((int) WAIT.toMillis());
        socket.connect(new InetSocketAddress("localhost", RestAssured.port));
        OutputStream out = socket.getOutputStream();
        out.write(("GET /v1/watches/" + watchId + "/events HTTP/1.1\r\nHost: localhost\r\n"
                        + "Accept: text/event-stream\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /**
     * Publishes events of {@code size} characters until the stream's only client is cut, {@code pause} apart (so
     * that each is written before the next comes, until the socket's buffers are full).
     */
    private int publishUntilCut(String watchId, int size, Duration pause) throws InterruptedException {
        await().atMost(WAIT).until(() -> streams.clients(watchId) > 0);
        String big = "x".repeat(size);
        int published = 0;
        while (streams.clients(watchId) > 0 && published < 20_000) {
            StreamPublishing.publish(streams, watchId, "p-" + published, big);
            published++;
            Thread.sleep(pause.toMillis());
        }
        assertEquals(0, streams.clients(watchId), "cut after " + published + " events");
        return published;
    }

    /** What the server sent, read to the end of the connection; fails unless it closed it. */
    private static String readToClose(Socket socket) throws Exception {
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aCutClientThatDoesNotReadItsCutWithinTheDrainTimeHasItsConnectionClosed() throws Exception {
        String id = createWatch();
        double unread = cuts("slow-consumer", "unread");
        double open = openStreams();
        try (Socket socket = stalledStream(id)) {
            // Events under the write queue's mark, each written before the next until the socket is full: the
            // connection takes the cut behind the one it holds, and the client never reads it.
            publishUntilCut(id, 32 * 1024, Duration.ofMillis(20));
            await().atMost(WAIT).until(() -> cuts("slow-consumer", "unread") == unread + 1);
            // The server closed it: what the socket's buffers held arrives, then the end of the connection.
            String received = readToClose(socket);
            assertTrue(received.startsWith("HTTP/1.1 200"), received.substring(0, 100));
        }
        await().atMost(WAIT).until(() -> openStreams() == open);
    }

    @Test
    void aCutWhoseFinalEventTheConnectionCannotTakeClosesItWithoutIt() throws Exception {
        String id = createWatch();
        double queueFull = cuts("slow-consumer", "write-queue-full");
        double open = openStreams();
        try (Socket socket = stalledStream(id)) {
            publishUntilCut(id, HUGE, Duration.ZERO);
            await().atMost(WAIT).until(() -> cuts("slow-consumer", "write-queue-full") == queueFull + 1);
            String received = readToClose(socket);
            assertFalse(received.contains("event:cut"), "the cut was not written");
            assertFalse(received.endsWith("\r\n0\r\n\r\n"), "the response was not ended: its connection was closed");
            // Closed under what it still queued (Vert.x's own close would first write the rest of the event).
            assertTrue(received.length() < HUGE, "the event the client never read was dropped: " + received.length());
        }
        await().atMost(WAIT).until(() -> openStreams() == open);
    }

    @Test
    void aStreamOfAWatchDeletedWhileItIsReadEndsWithADeletedEvent() throws Exception {
        String id = createWatch();
        double sent = cuts("watch-deleted", "sent");
        double open = openStreams();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
                .sendAsync(eventsOf(id), HttpResponse.BodyHandlers.ofLines())
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        Iterator<String> lines = response.body().iterator();
        await().atMost(WAIT).until(() -> streams.clients(id) > 0);
        StreamPublishing.publish(streams, id, "p-0", "before the deletion");
        String published = streams.position(id);
        CompletableFuture<List<String>> read = CompletableFuture.supplyAsync(() -> {
            List<String> seen = new ArrayList<>();
            lines.forEachRemaining(seen::add);
            return seen;
        });
        await().atMost(WAIT).until(() -> streams.clients(id) > 0); // still reading

        api().when().delete("/v1/watches/{id}", id).then().statusCode(204);

        List<String> seen = read.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(seen.contains("id:" + published), seen::toString);
        int last = seen.lastIndexOf("event:deleted");
        assertTrue(last > 0, "the stream says why it ended: " + seen);
        assertEquals("id:" + published, seen.get(last - 1), "an EventSource keeps it as its Last-Event-ID");
        JsonNode end = json.readTree(seen.get(last + 1).substring("data:".length()));
        assertEquals("stream.end", end.get("kind").asText());
        assertEquals("watch-deleted", end.get("reason").asText());
        assertEquals(published, end.get("lastEventId").asText());
        assertTrue(seen.subList(last + 2, seen.size()).stream().allMatch(String::isEmpty), seen::toString);
        await().atMost(WAIT).until(() -> cuts("watch-deleted", "sent") == sent + 1 && openStreams() == open);
        String scraped =
                api().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(
                scraped.lines()
                        .anyMatch(l -> l.startsWith("clearance_watch_streams_cut_total{")
                                && l.contains("reason=\"watch-deleted\"")
                                && l.contains("notice=\"sent\"")),
                "counted for the scraper");

        HttpResponse<Stream<String>> again = HttpClient.newHttpClient()
                .sendAsync(eventsOf(id), HttpResponse.BodyHandlers.ofLines())
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        again.body().close();
        assertEquals(404, again.statusCode(), "the deleted watch is gone");
    }

    @Test
    void aStreamOfAWatchDeletedWhileItsClientDoesNotReadEndsAllTheSame() throws Exception {
        String id = createWatch();
        double before = cuts("watch-deleted", "write-queue-full");
        double open = openStreams();
        try (Socket socket = stalledStream(id)) {
            await().atMost(WAIT).until(() -> streams.clients(id) > 0);
            String big = "x".repeat(HUGE);
            for (int i = 0; i < BUFFER; i++) { // one on the socket, the rest waiting: none cut
                StreamPublishing.publish(streams, id, "p-" + i, big);
            }
            assertEquals(1, streams.clients(id), "not cut");

            api().when().delete("/v1/watches/{id}", id).then().statusCode(204);

            await().atMost(WAIT).until(() -> cuts("watch-deleted", "write-queue-full") == before + 1);
            assertEquals(0, streams.clients(id));
            readToClose(socket);
        }
        await().atMost(WAIT).until(() -> openStreams() == open);
    }

    @Test
    void theEventsOfAWatchDeletedBeforeTheStreamAsksForThemEndAtOnce() {
        String id = createWatch();
        api().when().delete("/v1/watches/{id}", id).then().statusCode(204);
        // The request found the watch, then it was deleted before its stream subscribed.
        assertThrows(
                EventStreams.WatchDeleted.class,
                () -> watches.events(id, null).collect().asList().await().atMost(WAIT));
    }

    @Test
    void streamsBeyondTheMaximumAreRefusedWithAProblemUntilOneCloses() throws Exception {
        String id = createWatch();
        await().atMost(WAIT).until(() -> openStreams() == 0); // the other tests' streams are gone
        HttpClient client = HttpClient.newHttpClient();
        List<HttpResponse<Stream<String>>> held = new ArrayList<>();
        for (int i = 0; i < MAX_STREAMS; i++) {
            HttpResponse<Stream<String>> response = client.sendAsync(eventsOf(id), HttpResponse.BodyHandlers.ofLines())
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            held.add(response);
        }
        assertEquals(MAX_STREAMS, openStreams());

        HttpResponse<Stream<String>> refused = client.sendAsync(eventsOf(id), HttpResponse.BodyHandlers.ofLines())
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(503, refused.statusCode());
        assertEquals(
                ApiTestSupport.PROBLEM_JSON,
                refused.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        JsonNode problem = json.readTree(String.join("\n", refused.body().toList()));
        assertEquals("too-many-streams", problem.get("code").asText(), problem.toString());
        assertEquals(MAX_STREAMS, openStreams(), "a refused stream is not counted");

        held.remove(0).body().close();
        await().atMost(WAIT).until(() -> openStreams() == MAX_STREAMS - 1);
        HttpResponse<Stream<String>> admitted = client.sendAsync(eventsOf(id), HttpResponse.BodyHandlers.ofLines())
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(200, admitted.statusCode());
        held.add(admitted);
        held.forEach(response -> response.body().close());
        await().atMost(WAIT).until(() -> openStreams() == 0);
    }

    @Test
    void anUnknownWatchIsA404ProblemToAClientThatAcceptsOnlyEvents() throws Exception {
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
                .sendAsync(eventsOf("no-such-watch"), HttpResponse.BodyHandlers.ofLines())
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (response.statusCode() == 200) {
            response.body().close(); // a stream that opened would never end
        }
        assertEquals(404, response.statusCode());
        assertEquals(
                ApiTestSupport.PROBLEM_JSON,
                response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        String body = String.join("\n", response.body().toList());
        assertEquals("unknown-watch", json.readTree(body).get("code").asText(), body);
    }

    /**
     * The fallback for a build without a shutdown delay: the shutdown event itself ends every stream with
     * {@code shutdown}. Called on the bean, not fired: the application's other shutdown observers would close
     * the audit log under the tests. Last, for the server then counts as stopping.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void withoutAShutdownDelayTheShutdownEventStillEndsEveryStreamWithAShutdownEvent() throws Exception {
        String id = createWatch();
        double sent = cuts("shutdown", "sent");
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
                .sendAsync(eventsOf(id), HttpResponse.BodyHandlers.ofLines())
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        Iterator<String> lines = response.body().iterator();
        await().atMost(WAIT).until(() -> streams.clients(id) > 0);
        CompletableFuture<List<String>> read = CompletableFuture.supplyAsync(() -> {
            List<String> seen = new ArrayList<>();
            lines.forEachRemaining(seen::add);
            return seen;
        });

        connections.onShutdown(new ShutdownEvent());

        List<String> seen = read.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        int last = seen.lastIndexOf("event:shutdown");
        assertTrue(last > 0, seen::toString);
        assertEquals(
                "shutdown",
                json.readTree(seen.get(last + 1).substring("data:".length()))
                        .get("reason")
                        .asText());
        await().atMost(WAIT).until(() -> cuts("shutdown", "sent") == sent + 1);
    }
}
