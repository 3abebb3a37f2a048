package io.clearance.api;

import static io.clearance.api.ApiTestSupport.api;
import static io.clearance.api.ApiTestSupport.assertProblem;
import static io.clearance.api.ApiTestSupport.createParty;
import static io.clearance.api.ApiTestSupport.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.watch.EventStreams;
import io.clearance.watch.StreamPublishing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
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
import java.util.LinkedHashMap;
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
 * How a watch's server-sent-events stream is kept and ended, over real connections: it opens with a
 * {@code retry:} and is kept alive by {@code : keep-alive} comments while idle; a client that stops reading is
 * cut once it is {@code stream-buffer} events behind, and when it reads again it gets what was written to it,
 * then a {@code cut} event saying why and from where to resume, then the end of the response; reconnecting
 * from there it is told by {@code dropped} exactly what it missed. When the server starts to stop, every
 * stream ends with a {@code shutdown} event, and so does one opened after. Small settings (a buffer of 4
 * events, a heartbeat every 200 ms) keep it quick; the shutdown runs last, for it stays.
 */
@QuarkusTest
@TestProfile(WatchStreamEndsTest.SmallStreams.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WatchStreamEndsTest {

    private static final int BUFFER = 4;
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** A short buffer and heartbeat, and a retry to recognise. */
    public static class SmallStreams implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "clearance.watches.stream-buffer", Integer.toString(BUFFER),
                    "clearance.watches.stream-heartbeat", "200ms",
                    "clearance.watches.stream-retry", "1234ms");
        }
    }

    private final ObjectMapper json = new ObjectMapper();

    @Inject
    EventStreams streams;

    @Inject
    MeterRegistry metrics;

    @Inject
    Event<ShutdownDelayInitiatedEvent> shutdown;

    private static String createWatch() {
        String party = createParty(unique("sse"), "COMPANY", "DE");
        return api().body(Map.of("scope", "parties", "partyIds", List.of(party)))
                .when()
                .post("/v1/watches")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static HttpRequest eventsOf(String watchId, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + RestAssured.port + "/v1/watches/" + watchId + "/events"))
                .header("Accept", "text/event-stream");
        return (lastEventId == null ? request : request.header("Last-Event-ID", lastEventId)).build();
    }

    private static long number(String eventId) {
        return Long.parseLong(eventId.substring(eventId.lastIndexOf('-') + 1));
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

    /**
     * The blocks of an event stream, each its lines as field → value in order ({@code ""} for a comment); a
     * block ends at an empty line.
     */
    private static List<Map<String, String>> blocks(Iterator<String> lines) {
        List<Map<String, String>> blocks = new ArrayList<>();
        Map<String, String> block = new LinkedHashMap<>();
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty()) {
                if (!block.isEmpty()) {
                    blocks.add(block);
                }
                block = new LinkedHashMap<>();
                continue;
            }
            int colon = line.indexOf(':');
            block.put(colon < 0 ? line : line.substring(0, colon), colon < 0 ? "" : line.substring(colon + 1));
        }
        assertTrue(block.isEmpty(), "the stream ends after a whole event, not inside one: " + block);
        return blocks;
    }

    @Test
    @Order(1)
    void aStreamOpensWithARetryAndIsKeptAliveByCommentsWhileIdle() throws Exception {
        String id = createWatch();
        double before = openStreams();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
                .sendAsync(eventsOf(id, null), HttpResponse.BodyHandlers.ofLines())
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertEquals("no", response.headers().firstValue("X-Accel-Buffering").orElse(null), "nginx: do not buffer");
        Iterator<String> lines = response.body().iterator();

        List<String> read = CompletableFuture.supplyAsync(() -> {
                    List<String> seen = new ArrayList<>();
                    while (lines.hasNext()) {
                        String line = lines.next();
                        seen.add(line);
                        if (line.equals(": keep-alive")) {
                            return seen;
                        }
                    }
                    return seen;
                })
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(read.contains("retry:1234"), read::toString);
        assertEquals(": keep-alive", read.get(read.size() - 1), "a comment on a stream with no event: " + read);
        assertEquals(before + 1, openStreams(), "the open stream is counted");

        response.body().close();
        await().atMost(WAIT).until(() -> openStreams() == before && streams.clients(id) == 0);
        assertProblem(api().when().get("/v1/watches/{id}/events", "nope").then(), 404, "unknown-watch");
    }

    @Test
    @Order(2)
    void aClientThatStopsReadingIsCutAndTheCutIsTheLastThingItReads() throws Exception {
        String id = createWatch();
        double cutBefore = cuts("slow-consumer", "sent");
        String big = "x".repeat(16_000); // fills the socket's buffers in few events; under its write queue's mark
        String lastRead;
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096); // before connecting: the window the server sees stays small
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.connect(new InetSocketAddress("localhost", RestAssured.port));
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v1/watches/" + id + "/events HTTP/1.1\r\nHost: localhost\r\n"
                            + "Accept: text/event-stream\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await().atMost(WAIT).until(() -> streams.clients(id) > 0);

            // The client reads nothing now: the server's writes back up, then its buffer of BUFFER events.
            int published = 0;
            while (streams.clients(id) > 0 && published < 20_000) {
                StreamPublishing.publish(streams, id, "p-" + published, big);
                published++;
            }
            assertEquals(0, streams.clients(id), "cut after " + published + " events");

            String body = dechunked(socket.getInputStream());
            List<Map<String, String>> blocks = blocks(body.lines().iterator());
            Map<String, String> last = blocks.get(blocks.size() - 1);
            assertEquals("cut", last.get("event"), last.toString());
            JsonNode cut = json.readTree(last.get("data"));
            assertEquals("stream.end", cut.get("kind").asText());
            assertEquals("slow-consumer", cut.get("reason").asText());
            assertEquals(BUFFER, cut.get("bufferLimit").asInt());
            List<Map<String, String>> events = blocks.stream()
                    .filter(b -> b.containsKey("data") && b != last)
                    .toList();
            assertFalse(events.isEmpty(), "some events were read before the cut");
            lastRead = events.get(events.size() - 1).get("id");
            assertEquals(lastRead, cut.get("lastEventId").asText(), "resume from the last event it read");
            assertEquals(lastRead, last.get("id"), "which an EventSource keeps as its Last-Event-ID");
            assertTrue(number(lastRead) < published, "events published after it are not written: " + published);
        }
        await().atMost(WAIT).until(() -> cuts("slow-consumer", "sent") == cutBefore + 1);

        // Reconnecting from there, it is first told exactly what it missed.
        long total = number(streams.position(id));
        HttpResponse<Stream<String>> back = HttpClient.newHttpClient()
                .sendAsync(eventsOf(id, lastRead), HttpResponse.BodyHandlers.ofLines())
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        Map<String, String> notice = CompletableFuture.supplyAsync(
                        () -> firstEvent(back.body().iterator()))
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        back.body().close();
        assertEquals("dropped", notice.get("event"), notice.toString());
        JsonNode dropped = json.readTree(notice.get("data"));
        assertEquals("missed", dropped.get("reason").asText());
        assertEquals(number(lastRead) + 1, number(dropped.get("fromId").asText()));
        assertEquals(total, number(dropped.get("toId").asText()));
        assertEquals(total - number(lastRead), dropped.get("count").asLong());
    }

    @Test
    @Order(3)
    void whenTheServerStartsToStopEveryStreamEndsWithAShutdownEventAndSoDoesANewOne() throws Exception {
        String id = createWatch();
        double shutdownsBefore = cuts("shutdown", "sent");
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<Stream<String>> response = client.sendAsync(
                        eventsOf(id, null), HttpResponse.BodyHandlers.ofLines())
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        Iterator<String> lines = response.body().iterator();
        await().atMost(WAIT).until(() -> streams.clients(id) > 0);
        StreamPublishing.publish(streams, id, "p-0", "before the shutdown");
        String published = streams.position(id);
        Map<String, String> event =
                CompletableFuture.supplyAsync(() -> firstEvent(lines)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(published, event.get("id"));

        shutdown.fire(new ShutdownDelayInitiatedEvent());

        List<Map<String, String>> rest =
                CompletableFuture.supplyAsync(() -> blocks(lines)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        Map<String, String> last = rest.get(rest.size() - 1);
        assertEquals("shutdown", last.get("event"), rest.toString());
        JsonNode end = json.readTree(last.get("data"));
        assertEquals("shutdown", end.get("reason").asText());
        assertEquals(published, end.get("lastEventId").asText());
        assertTrue(end.path("bufferLimit").isNull() || end.path("bufferLimit").isMissingNode(), end.toString());

        HttpResponse<Stream<String>> late = client.sendAsync(eventsOf(id, null), HttpResponse.BodyHandlers.ofLines())
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        List<Map<String, String>> told = CompletableFuture.supplyAsync(
                        () -> blocks(late.body().iterator()))
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals("shutdown", told.get(told.size() - 1).get("event"), told.toString());
        assertTrue(told.stream().noneMatch(b -> b.containsKey("data") && !"shutdown".equals(b.get("event"))));
        await().atMost(WAIT).until(() -> cuts("shutdown", "sent") == shutdownsBefore + 2);
    }

    /** The fields of the next event that has data (comments and the opening skipped). */
    private static Map<String, String> firstEvent(Iterator<String> lines) {
        Map<String, String> fields = new LinkedHashMap<>();
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty()) {
                if (fields.containsKey("data")) {
                    return fields;
                }
                fields.clear();
                continue;
            }
            int colon = line.indexOf(':');
            fields.put(colon < 0 ? line : line.substring(0, colon), colon < 0 ? "" : line.substring(colon + 1));
        }
        throw new AssertionError("the stream ended before an event: " + fields);
    }

    /**
     * The body of a chunked HTTP/1.1 response read from a socket to its end (the server closes it: the request
     * said {@code Connection: close}); fails unless the body ended with its last, empty chunk.
     */
    private static String dechunked(InputStream in) throws Exception {
        byte[] raw = in.readAllBytes();
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("\r\n\r\n");
        assertTrue(text.startsWith("HTTP/1.1 200"), text.substring(0, Math.min(200, text.length())));
        assertTrue(text.substring(0, at).toLowerCase().contains("transfer-encoding: chunked"));
        at += 4;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int eol = text.indexOf("\r\n", at);
            assertTrue(eol > 0, "the response ended inside a chunk, without its last chunk");
            int size = Integer.parseInt(text.substring(at, eol).strip(), 16);
            if (size == 0) {
                break;
            }
            body.write(raw, eol + 2, size);
            at = eol + 2 + size + 2;
        }
        return body.toString(StandardCharsets.UTF_8);
    }
}
