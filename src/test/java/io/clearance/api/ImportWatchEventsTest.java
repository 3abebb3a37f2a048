package io.clearance.api;

import static io.clearance.api.ApiTestSupport.api;
import static io.clearance.api.ApiTestSupport.postDecision;
import static io.clearance.api.ApiTestSupport.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.clearance.decision.Action;
import io.clearance.watch.DecisionChanges;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's test of watching decisions change: an import ({@code POST /v1/registry/imports}) that pushes a
 * subsidiary from exactly 50% to more than 50% owned by a Chinese company produces exactly the
 * {@code decision.changed} events of the parties it flips (the subsidiary and the companies below it), none
 * for the rest of the registry, each naming the import job that caused it, with before, after and the new
 * decision's reasons, and each signed; the receiver is a real HTTP server on loopback that checks the
 * signature itself. The same file imported again changes nothing and raises no event.
 */
@QuarkusTest
class ImportWatchEventsTest {

    private static final String SIGNATURE = "Clearance-Signature";

    private final ObjectMapper json = new ObjectMapper();

    @Inject
    DecisionChanges changes;

    /** A webhook receiver on loopback: keeps each raw body with the signature header it came with. */
    static final class Receiver implements AutoCloseable {
        final List<byte[]> bodies = new CopyOnWriteArrayList<>();
        final List<String> signatures = new CopyOnWriteArrayList<>();
        final HttpServer server;

        Receiver() throws Exception {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/hook", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                // invariant: the signature is added before the body, so that both lists always pair up.
                signatures.add(String.valueOf(exchange.getRequestHeaders().getFirst(SIGNATURE)));
                bodies.add(body);
                exchange.sendResponseHeaders(200, -1);
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

    /** The parties of one run, apart from every other test's in the shared database. */
    record Parties(String cn, String sub, String child, String grandchild, String sibling, String lone) {
        List<String> all() {
            return List.of(cn, sub, child, grandchild, sibling, lone);
        }
    }

    @Test
    void anImportOverHalfSendsExactlyTheEventsOfThePartiesItFlipsSignedAndNamingTheJob() throws Exception {
        String run = unique("iw");
        Parties p = new Parties(
                run + "-cn", run + "-sub", run + "-child", run + "-grandchild", run + "-sibling", run + "-lone");
        assertEquals("succeeded", imported(registry(p, 50)).getString("status"));
        Map<String, String> before = outcomes(p.all());
        assertEquals("PERMIT", before.get(p.sub() + " api.access"), "exactly 50% is not more than half");

        try (Receiver receiver = new Receiver()) {
            Map<String, Object> watch = api().body(Map.of("scope", "all", "webhookUrl", receiver.url()))
                    .when()
                    .post("/v1/watches")
                    .then()
                    .statusCode(201)
                    .body("secret", notNullValue())
                    .extract()
                    .jsonPath()
                    .getMap("");
            String secret = (String) watch.get("secret");
            try {
                changes.settle(); // every party's decisions before the import are the baseline

                JsonPath job = imported(registry(p, 51));
                assertEquals("succeeded", job.getString("status"));
                String jobId = job.getString("id");
                long version = job.getLong("registryVersion");
                Map<String, String> after = outcomes(p.all());
                Set<String> flipped = new HashSet<>();
                before.forEach((key, outcome) -> {
                    if (!outcome.equals(after.get(key))) {
                        flipped.add(key + " " + outcome + "->" + after.get(key));
                    }
                });
                Set<String> flippedParties = new HashSet<>();
                flipped.forEach(f -> flippedParties.add(f.substring(0, f.indexOf(' '))));
                assertEquals(Set.of(p.sub(), p.child(), p.grandchild()), flippedParties, flipped::toString);
                assertTrue(flipped.contains(p.sub() + " api.access PERMIT->DENY"), flipped::toString);

                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.bodies.size() >= flipped.size());
                changes.settle();
                quiet(receiver, flipped.size());

                Set<String> received = new HashSet<>();
                for (int i = 0; i < receiver.bodies.size(); i++) {
                    byte[] body = receiver.bodies.get(i);
                    assertSigned(secret, body, receiver.signatures.get(i));
                    JsonNode event = json.readTree(body);
                    assertEquals("decision.changed", event.get("kind").asText(), event::toString);
                    assertEquals(
                            "import " + jobId + " (bods, registry version " + version + ")",
                            event.get("cause").asText());
                    JsonNode change = event.get("change");
                    assertEquals("import", change.get("kind").asText(), event::toString);
                    assertEquals(1, change.get("imports").size(), event::toString);
                    JsonNode imported = change.get("imports").get(0);
                    assertEquals(jobId, imported.get("job").asText());
                    assertEquals("bods", imported.get("format").asText());
                    assertEquals(version, imported.get("registryVersion").asLong());
                    assertFalse(imported.has("offline"), event::toString);
                    assertFalse(change.has("reason"), "a field the kind does not name is absent: " + event);
                    assertFalse(change.has("registryVersion"), "an import names its own version, not the load's");
                    assertTrue(event.get("reasons").size() > 0, event::toString);
                    String key = event.get("partyId").asText() + " "
                            + event.get("action").asText();
                    assertEquals(after.get(key), event.get("after").asText(), event::toString);
                    if (event.get("after").asText().equals("DENY")) {
                        assertTrue(
                                event.get("reasons").toString().contains(ApiTestSupport.OWNERSHIP_RULE),
                                event::toString);
                    }
                    received.add(key + " " + event.get("before").asText() + "->"
                            + event.get("after").asText());
                }
                assertEquals(flipped, received, "exactly the flipped (party, action) pairs, none of the rest");
                assertEquals(flipped.size(), receiver.bodies.size(), "one event per flipped party and action");

                // The same file again: a new registry version and a reload, but nothing changed, so no event.
                double reDecided = changes.decided(DecisionChanges.Cause.RELOAD);
                assertEquals("succeeded", imported(registry(p, 51)).getString("status"));
                changes.settle();
                assertEquals(
                        reDecided,
                        changes.decided(DecisionChanges.Cause.RELOAD),
                        "an import that changed nothing has no party decided again");
                quiet(receiver, flipped.size());
                assertEquals(after, outcomes(p.all()));
            } finally {
                api().when().delete("/v1/watches/{id}", watch.get("id")).then().statusCode(204);
            }
        }
    }

    /** The receiver holds {@code count} bodies and gets no more for a while (a bounded wait, not a timing). */
    private static void quiet(Receiver receiver, int count) {
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> receiver.bodies.size() == count);
    }

    /** Checks the signature as a receiver would, with nothing of the server's code: HMAC-SHA256 of the body. */
    private static void assertSigned(String secret, byte[] body, String header) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal(body);
        assertTrue(header.startsWith("sha256="), header);
        byte[] sent = HexFormat.of().parseHex(header.substring("sha256=".length()));
        assertTrue(MessageDigest.isEqual(expected, sent), "the body is signed with the watch's secret");
    }

    /** Imports a BODS 0.4 file over the API and waits for its job to finish: the job as then reported. */
    private static JsonPath imported(String bods) {
        return ImportResourceTest.imported("bods", bods.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The registry as a BODS file: a Chinese company holds {@code percent} of a German subsidiary, which holds
     * 80% of a child that holds 60% of a grandchild; the Chinese company also holds 30% of a sibling, and one
     * party stands alone.
     */
    private static String registry(Parties p, int percent) {
        List<String> lines = new ArrayList<>();
        lines.add(entity(p, p.cn(), "Dragon Holdings", "CN"));
        lines.add(entity(p, p.sub(), "Rhein Analytik GmbH", "DE"));
        lines.add(entity(p, p.child(), "Rhein Daten GmbH", "DE"));
        lines.add(entity(p, p.grandchild(), "Lyon Donnees SA", "FR"));
        lines.add(entity(p, p.sibling(), "Seine Capteurs SA", "FR"));
        lines.add(entity(p, p.lone(), "Eagle Data Inc.", "US"));
        lines.add(relationship(p, p.sub(), p.cn(), percent));
        lines.add(relationship(p, p.child(), p.sub(), 80));
        lines.add(relationship(p, p.grandchild(), p.child(), 60));
        lines.add(relationship(p, p.sibling(), p.cn(), 30));
        return String.join("\n", lines) + "\n";
    }

    private static String entity(Parties p, String id, String name, String country) {
        return "{\"statementId\": \"" + id + "-e\", \"declarationSubject\": \"" + p.sub()
                + "\", \"statementDate\": \"2026-01-01\", \"recordId\": \"" + id
                + "\", \"recordType\": \"entity\", \"recordStatus\": \"new\", \"recordDetails\": {\"isComponent\":"
                + " false, \"entityType\": {\"type\": \"registeredEntity\"}, \"name\": \"" + name
                + "\", \"jurisdiction\": {\"name\": \"" + name + "\", \"code\": \"" + country + "\"}}, "
                + PUBLICATION + "}";
    }

    private static String relationship(Parties p, String subject, String owner, int percent) {
        return "{\"statementId\": \"" + subject + "-r-" + percent + "\", \"declarationSubject\": \"" + p.sub()
                + "\", \"statementDate\": \"2026-01-01\", \"recordId\": \"" + subject + "-r"
                + "\", \"recordType\": \"relationship\", \"recordStatus\": \"new\", \"recordDetails\":"
                + " {\"isComponent\": false, \"subject\": \"" + subject + "\", \"interestedParty\": \"" + owner
                + "\", \"interests\": [{\"type\": \"shareholding\", \"directOrIndirect\": \"direct\","
                + " \"beneficialOwnershipOrControl\": false, \"share\": {\"exact\": " + percent
                + "}, \"startDate\": \"2020-01-01\"}]}, " + PUBLICATION + "}";
    }

    private static final String PUBLICATION = "\"publicationDetails\": {\"publicationDate\": \"2026-01-01\","
            + " \"bodsVersion\": \"0.4\", \"publisher\": {\"name\": \"Clearance test\"}}";

    /** The outcome of every action for each party, asked over the API. */
    private static Map<String, String> outcomes(List<String> parties) {
        Map<String, String> outcomes = new HashMap<>();
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
}
