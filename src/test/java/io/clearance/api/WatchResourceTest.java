package io.clearance.api;

import static io.clearance.api.ApiTestSupport.api;
import static io.clearance.api.ApiTestSupport.assertProblem;
import static io.clearance.api.ApiTestSupport.createParty;
import static io.clearance.api.ApiTestSupport.postDecision;
import static io.clearance.api.ApiTestSupport.setStake;
import static io.clearance.api.ApiTestSupport.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.clearance.decision.Action;
import io.clearance.engine.LoadAttempt;
import io.clearance.engine.PolicyEngine;
import io.clearance.watch.DecisionChanges;
import io.clearance.watch.EventStreams;
import io.clearance.watch.WebhookSender;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Watches ({@code /v1/watches}): a stake change that pushes a subsidiary over 50% produces exactly one
 * {@code decision.changed} event per (party, action) it flips, signed, to a webhook receiver on loopback;
 * a failing receiver is retried and its event ends as a dead letter; server-sent events carry an event;
 * bad input is refused with its code.
 */
@QuarkusTest
class WatchResourceTest {

    private final ObjectMapper json = new ObjectMapper();

    @Inject
    DecisionChanges changes;

    @Inject
    EventStreams streams;

    /** A webhook receiver on loopback: keeps what it receives, answers {@code status}. */
    static final class Receiver implements AutoCloseable {
        final List<byte[]> bodies = new CopyOnWriteArrayList<>();
        final List<String> signatures = new CopyOnWriteArrayList<>();
        final AtomicInteger calls = new AtomicInteger();
        final HttpServer server;

        Receiver(int status) throws Exception {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/hook", exchange -> {
                calls.incrementAndGet();
                bodies.add(exchange.getRequestBody().readAllBytes());
                signatures.add(exchange.getRequestHeaders().getFirst(WebhookSender.SIGNATURE_HEADER));
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static Map<String, Object> createWatch(Map<String, Object> body) {
        return api().body(body)
                .when()
                .post("/v1/watches")
                .then()
                .statusCode(201)
                .body("secret", notNullValue())
                .extract()
                .jsonPath()
                .getMap("");
    }

    /** The outcome of every action for each party, asked over the API. */
    private static Map<String, String> outcomes(List<String> parties) {
        Map<String, String> outcomes = new java.util.HashMap<>();
        for (String party : parties) {
            for (Action action : Action.values()) {
                String outcome = postDecision(Map.of("subject", Map.of("partyId", party), "action", action.wireName()))
                        .statusCode(200)
                        .extract()
                        .path("decision");
                outcomes.put(party + " " + action.wireName(), outcome);
            }
        }
        return outcomes;
    }

    @Test
    void aStakeOverHalfSendsExactlyTheFlippedDecisionsSigned() throws Exception {
        String cn = createParty(unique("w-cn"), "COMPANY", "CN");
        String sub = createParty(unique("w-sub"), "COMPANY", "DE");
        String subsub = createParty(unique("w-subsub"), "COMPANY", "DE");
        String bystander = createParty(unique("w-by"), "COMPANY", "FR");
        setStake(sub, cn, "30");
        setStake(subsub, sub, "60");
        setStake(bystander, cn, "10");
        List<String> watched = List.of(sub, subsub, bystander);

        try (Receiver receiver = new Receiver(200)) {
            Map<String, Object> watch =
                    createWatch(Map.of("scope", "parties", "partyIds", watched, "webhookUrl", receiver.url()));
            String secret = (String) watch.get("secret");
            api().when()
                    .get("/v1/watches/{id}", watch.get("id"))
                    .then()
                    .statusCode(200)
                    .body("secret", nullValue())
                    .body("partyIds", hasSize(3));
            changes.settle(); // the watched parties' decisions before the change are known

            Map<String, String> before = outcomes(watched);
            setStake(sub, cn, "50.000001");
            Map<String, String> after = outcomes(watched);
            Set<String> flipped = new HashSet<>();
            before.forEach((key, outcome) -> {
                if (!outcome.equals(after.get(key))) {
                    flipped.add(key + " " + outcome + "->" + after.get(key));
                }
            });
            assertTrue(
                    flipped.stream().anyMatch(f -> f.startsWith(sub + " api.access PERMIT->DENY")), flipped::toString);
            assertTrue(flipped.stream().anyMatch(f -> f.startsWith(subsub + " api.access")), flipped::toString);
            assertFalse(flipped.stream().anyMatch(f -> f.startsWith(bystander)), flipped::toString);

            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.bodies.size() >= flipped.size());
            changes.settle();
            Thread.sleep(300); // a late extra event would arrive in this time; none may
            Set<String> received = new HashSet<>();
            for (int i = 0; i < receiver.bodies.size(); i++) {
                byte[] body = receiver.bodies.get(i);
                assertEquals(
                        "sha256=" + WebhookSender.sign(secret, body),
                        receiver.signatures.get(i),
                        "signed with the secret");
                JsonNode event = json.readTree(body);
                assertEquals("decision.changed", event.get("kind").asText());
                assertTrue(event.get("cause").asText().contains(sub), event.toString());
                assertEquals("stake", event.at("/change/kind").asText(), event.toString());
                assertEquals(sub, event.at("/change/parties/0").asText(), event.toString());
                assertEquals(1, event.at("/change/parties").size(), event.toString());
                assertTrue(event.get("reasons").size() > 0, event.toString());
                received.add(event.get("partyId").asText() + " "
                        + event.get("action").asText() + " "
                        + event.get("before").asText() + "->"
                        + event.get("after").asText());
            }
            assertEquals(flipped, received);
            assertEquals(flipped.size(), receiver.bodies.size(), "one event per flipped party and action");
            api().when().delete("/v1/watches/{id}", watch.get("id")).then().statusCode(204);
        }
    }

    @Test
    void aFailingReceiverIsRetriedThenTheEventIsADeadLetter() throws Exception {
        String cn = createParty(unique("d-cn"), "COMPANY", "CN");
        String party = createParty(unique("d-sub"), "COMPANY", "DE");
        try (Receiver receiver = new Receiver(503)) {
            Map<String, Object> watch = createWatch(Map.of(
                    "scope",
                    "parties",
                    "partyIds",
                    List.of(party),
                    "actions",
                    List.of("api.access"),
                    "webhookUrl",
                    receiver.url()));
            changes.settle();
            setStake(party, cn, "75");

            // 3 attempts in the test profile, then the dead letter.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> api().when()
                                    .get("/v1/watches/{id}/dead-letters", watch.get("id"))
                                    .then()
                                    .extract()
                                    .jsonPath()
                                    .getList("deadLetters")
                                    .size()
                            == 1);
            api().when()
                    .get("/v1/watches/{id}/dead-letters", watch.get("id"))
                    .then()
                    .statusCode(200)
                    .body("deadLetters[0].attempts", equalTo(3))
                    .body("deadLetters[0].lastError", equalTo("HTTP 503"))
                    .body("deadLetters[0].event.partyId", equalTo(party))
                    .body("deadLetters[0].event.action", equalTo("api.access"))
                    .body("deadLetters[0].event.after", equalTo("DENY"));
            assertEquals(3, receiver.calls.get());
        }
    }

    @Test
    void serverSentEventsCarryAnEvent() throws Exception {
        String cn = createParty(unique("s-cn"), "COMPANY", "CN");
        String party = createParty(unique("s-sub"), "COMPANY", "DE");
        Map<String, Object> watch = createWatch(Map.of("scope", "parties", "partyIds", List.of(party)));
        String id = (String) watch.get("id");
        changes.settle();

        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<Stream<String>>> response = client.sendAsync(
                HttpRequest.newBuilder(
                                URI.create("http://localhost:" + RestAssured.port + "/v1/watches/" + id + "/events"))
                        .header("Accept", "text/event-stream")
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        await().atMost(Duration.ofSeconds(30)).until(() -> streams.clients(id) > 0);
        setStake(party, cn, "80");

        String data = CompletableFuture.supplyAsync(() -> response.join()
                        .body()
                        .filter(line -> line.startsWith("data:"))
                        .findFirst()
                        .orElseThrow())
                .get(30, TimeUnit.SECONDS);
        JsonNode event = json.readTree(data.substring("data:".length()));
        assertEquals(party, event.get("partyId").asText());
        assertEquals("decision.changed", event.get("kind").asText());
        assertEquals("DENY", event.get("after").asText());
        api().when().delete("/v1/watches/{id}", id).then().statusCode(204);
        response.cancel(true);
    }

    private static HttpRequest eventsOf(String watchId, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + RestAssured.port + "/v1/watches/" + watchId + "/events"))
                .header("Accept", "text/event-stream");
        return (lastEventId == null ? request : request.header("Last-Event-ID", lastEventId)).build();
    }

    /** The fields of the first event of a stream: "id", "event" (when named) and "data", read off its lines. */
    private static Map<String, String> firstEvent(HttpResponse<Stream<String>> response) {
        Map<String, String> fields = new java.util.HashMap<>();
        java.util.Iterator<String> lines = response.body().iterator();
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty() && fields.containsKey("data")) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        return fields;
    }

    private static Set<String> flips(Map<String, String> before, Map<String, String> after) {
        Set<String> flipped = new HashSet<>();
        before.forEach((key, outcome) -> {
            if (!outcome.equals(after.get(key))) {
                flipped.add(key);
            }
        });
        return flipped;
    }

    private static long number(String eventId) {
        return Long.parseLong(eventId.substring(eventId.lastIndexOf('-') + 1));
    }

    @Test
    void aClientThatReconnectsWithItsLastEventIdIsFirstToldWhatItMissed() throws Exception {
        String cn = createParty(unique("l-cn"), "COMPANY", "CN");
        String party = createParty(unique("l-sub"), "COMPANY", "DE");
        String id = (String) createWatch(Map.of("scope", "parties", "partyIds", List.of(party)))
                .get("id");
        changes.settle();
        HttpClient client = HttpClient.newHttpClient();

        Map<String, String> before = outcomes(List.of(party));
        HttpResponse<Stream<String>> first = client.sendAsync(eventsOf(id, null), HttpResponse.BodyHandlers.ofLines())
                .get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> streams.clients(id) > 0);
        setStake(party, cn, "80");
        Map<String, String> denied = outcomes(List.of(party));
        String seen = CompletableFuture.supplyAsync(() -> firstEvent(first))
                .get(30, TimeUnit.SECONDS)
                .get("id");
        first.body().close(); // the client goes away after one event
        await().atMost(Duration.ofSeconds(30)).until(() -> streams.clients(id) == 0);
        setStake(party, cn, "10");
        Map<String, String> after = outcomes(List.of(party));
        changes.settle(); // every event of both changes is published

        long published = flips(before, denied).size() + flips(denied, after).size();
        HttpResponse<Stream<String>> back = client.sendAsync(eventsOf(id, seen), HttpResponse.BodyHandlers.ofLines())
                .get(30, TimeUnit.SECONDS);
        Map<String, String> notice =
                CompletableFuture.supplyAsync(() -> firstEvent(back)).get(30, TimeUnit.SECONDS);
        back.body().close();

        assertEquals("dropped", notice.get("event"), notice.toString());
        JsonNode dropped = json.readTree(notice.get("data"));
        assertEquals("events.dropped", dropped.get("kind").asText());
        assertEquals("missed", dropped.get("reason").asText());
        assertEquals(published - 1, dropped.get("count").asLong(), "every event but the one read: " + dropped);
        assertEquals(number(seen) + 1, number(dropped.get("fromId").asText()));
        assertEquals(number(seen) + published - 1, number(dropped.get("toId").asText()));
        assertEquals(dropped.get("toId").asText(), notice.get("id"));
        api().when().delete("/v1/watches/{id}", id).then().statusCode(204);
    }

    @Test
    void aNewRuleSetDecidesEveryFollowedPartyAgainAndFlipsNothingWhenItDecidesAlike() throws Exception {
        String cn = createParty(unique("rs-cn"), "COMPANY", "CN");
        List<String> watched = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            watched.add(createParty(unique("rs-" + i), "COMPANY", "DE"));
        }
        setStake(watched.get(0), cn, "70");
        try (Receiver receiver = new Receiver(200)) {
            Map<String, Object> watch =
                    createWatch(Map.of("scope", "parties", "partyIds", watched, "webhookUrl", receiver.url()));
            changes.settle();
            double before = changes.decided(DecisionChanges.Cause.RULE_SET);

            // The serving rule set, announced as newly activated: every followed party is decided again.
            ruleSets.fire(new LoadAttempt(
                    java.time.Instant.now(),
                    LoadAttempt.Trigger.RELOAD,
                    LoadAttempt.Outcome.ACTIVATED,
                    engine.active().version(),
                    0,
                    List.of()));
            changes.settle();

            assertTrue(
                    changes.decided(DecisionChanges.Cause.RULE_SET) - before >= watched.size(),
                    "every followed party, these three among them");
            Thread.sleep(300); // a wrong event would arrive in this time; none may
            assertEquals(0, receiver.calls.get(), "the same rules decide alike: no event");
            api().when().delete("/v1/watches/{id}", watch.get("id")).then().statusCode(204);
        }
    }

    @Inject
    jakarta.enterprise.event.Event<LoadAttempt> ruleSets;

    @Inject
    PolicyEngine engine;

    @Inject
    jakarta.enterprise.event.Event<io.clearance.watch.WatchEvent> fired;

    @Test
    void eventsOthersRaiseReachTheWatchesOfTheirParty() throws Exception {
        String reseller = unique("r-reseller");
        String other = unique("r-other");
        try (Receiver mine = new Receiver(200);
                Receiver theirs = new Receiver(200)) {
            Map<String, Object> watching = createWatch(Map.of(
                    "scope",
                    "parties",
                    "partyIds",
                    List.of(reseller),
                    "actions",
                    List.of("api.access"),
                    "webhookUrl",
                    mine.url()));
            Map<String, Object> elsewhere =
                    createWatch(Map.of("scope", "parties", "partyIds", List.of(other), "webhookUrl", theirs.url()));
            fired.fire(new io.clearance.watch.WatchEvent(
                    io.clearance.watch.WatchEvent.RESELLER_ALERT,
                    reseller,
                    null,
                    null,
                    null,
                    "restricted customers above 10%",
                    List.of(),
                    "3 of 20 customers",
                    java.time.Instant.now()));
            await().atMost(Duration.ofSeconds(30)).until(() -> mine.bodies.size() == 1);
            JsonNode event = json.readTree(mine.bodies.get(0));
            assertEquals("reseller.alert", event.get("kind").asText());
            assertEquals(reseller, event.get("partyId").asText());
            assertEquals(
                    "sha256=" + WebhookSender.sign((String) watching.get("secret"), mine.bodies.get(0)),
                    mine.signatures.get(0));
            Thread.sleep(300);
            assertEquals(0, theirs.calls.get(), "a watch of another party hears nothing");
            api().when().delete("/v1/watches/{id}", watching.get("id")).then().statusCode(204);
            api().when().delete("/v1/watches/{id}", elsewhere.get("id")).then().statusCode(204);
        }
    }

    @Test
    void badWatchesAreRefusedAndUnknownOnesAreNotFound() {
        refused(Map.of("scope", "everything"), "invalid-watch");
        refused(Map.of("scope", "parties"), "invalid-watch");
        refused(Map.of("scope", "all", "webhookUrl", "ftp://example.org/x"), "invalid-watch");
        refused(Map.of("scope", "all", "actions", List.of("fly")), "invalid-watch");
        refused(Map.of("scope", "scheme", "scheme", "not a scheme"), "invalid-identifier");
        assertProblem(api().when().get("/v1/watches/nope").then(), 404, "unknown-watch");

        Map<String, Object> watch = createWatch(Map.of("scope", "scheme", "scheme", "XI-LEI"));
        api().when()
                .get("/v1/watches")
                .then()
                .statusCode(200)
                .body("watches.id", hasItem(watch.get("id")))
                .body("watches.find { it.id == '" + watch.get("id") + "' }.scheme", equalTo("lei"));
        api().when().delete("/v1/watches/{id}", watch.get("id")).then().statusCode(204);
        assertProblem(api().when().get("/v1/watches/{id}", watch.get("id")).then(), 404, "unknown-watch");
    }

    private static void refused(Map<String, ?> watch, String code) {
        assertProblem(api().body(watch).when().post("/v1/watches").then(), 400, code);
    }
}
