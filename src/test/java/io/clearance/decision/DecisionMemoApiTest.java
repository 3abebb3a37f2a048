package io.clearance.decision;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.audit.AuditedDecisions;
import io.clearance.audit.DecisionInterface;
import io.clearance.audit.ReceivedDecisionRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The memo through the HTTP API: the same request twice gets the same outcome, reasons and evidence under
 * two decision ids, each logged; a registry change through the API reaches the very next answer; and the
 * memo's figures are at {@code /q/metrics}.
 *
 * <p>Party ids carry a random suffix: every {@code @QuarkusTest} class of a run shares one database.
 */
@QuarkusTest
class DecisionMemoApiTest {

    @Inject
    AuditedDecisions audited;

    @Inject
    Vertx vertx;

    private static final String HIT = "clearance_decisions_memo_total{result=\"hit\"}";
    private static final String PARTY_DROPS = "clearance_decisions_memo_invalidations_total{cause=\"party\"}";

    @Test
    void theSameRequestTwiceIsAnsweredAlikeAndLoggedTwiceAndARegistryChangeFlipsTheNextAnswer() {
        String parent = unique("parent");
        String company = unique("company");
        putParty(parent, "US");
        putParty(company, "DE");
        given().contentType(ContentType.JSON)
                .body("{\"percent\": 60}")
                .put("/v1/parties/{id}/owners/{ownerId}", company, parent)
                .then()
                .statusCode(201);
        double hitsBefore = metric(HIT);

        JsonPath first = decide(company);
        JsonPath second = decide(company);

        assertEquals("PERMIT", first.getString("decision"));
        assertThat(second.getString("decisionId"), not(equalTo(first.getString("decisionId"))));
        assertEquals(first.getString("decision"), second.getString("decision"));
        assertEquals(first.getList("reasons"), second.getList("reasons"));
        assertEquals(first.getList("advice"), second.getList("advice"));
        assertEquals(first.getLong("registryVersion"), second.getLong("registryVersion"));
        assertThat(metric(HIT), greaterThanOrEqualTo(hitsBefore + 1));
        for (JsonPath answer : new JsonPath[] {first, second}) {
            given().get("/v1/audit/decisions/{id}", answer.getString("decisionId"))
                    .then()
                    .statusCode(200)
                    .body("decision", equalTo("PERMIT"))
                    .body("answer.decisionId", equalTo(answer.getString("decisionId")));
        }

        // The parent moves to a banned country: the company is now more than 50% owned by a restricted party.
        double dropsBefore = metric(PARTY_DROPS);
        putParty(parent, "CN");
        JsonPath third = decide(company);

        assertEquals("DENY", third.getString("decision"));
        assertEquals("3.3", third.getString("reasons[0].clause"));
        assertThat(metric(PARTY_DROPS), greaterThan(dropsBefore));
        assertThat(metric("clearance_decisions_memo_total{result=\"miss\"}"), greaterThan(0.0));
        assertThat(metric("clearance_decisions_memo_entries"), greaterThan(0.0));
    }

    @Test
    void aRequestForAnotherInstantBypassesTheMemo() {
        String company = unique("company");
        putParty(company, "DE");
        String bypass = "clearance_decisions_memo_total{result=\"bypass\"}";
        double before = metric(bypass);

        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "subject", Map.of("partyId", company), "action", "api.access", "at", "2024-01-01T00:00:00Z"))
                .post("/v1/decisions")
                .then()
                .statusCode(200)
                .body("decision", equalTo("PERMIT"));

        assertEquals(before + 1, metric(bypass));
    }

    /**
     * A memo hit is answered (and logged) on the event loop that asked, with no hand-off; a decision to make
     * moves to a worker thread. Both are in the audit log when they arrive.
     */
    @Test
    void aMemoHitIsAnsweredOnTheEventLoopAndAFreshDecisionOnAWorker() throws Exception {
        String memoised = unique("company");
        String fresh = unique("company");
        putParty(memoised, "DE");
        putParty(fresh, "DE");
        decide(memoised); // now memoised

        Answered hit = onEventLoop(memoised);
        Answered decided = onEventLoop(fresh);

        assertTrue(hit.onEventLoop(), "the memo hit stayed on the event loop");
        assertFalse(decided.onEventLoop(), "the fresh decision moved to a worker");
        for (Answered answered : new Answered[] {hit, decided}) {
            given().get("/v1/audit/decisions/{id}", answered.decisionId())
                    .then()
                    .statusCode(200)
                    .body("answer.decisionId", equalTo(answered.decisionId()));
        }
    }

    private record Answered(String decisionId, boolean onEventLoop) {}

    private Answered onEventLoop(String subject) throws Exception {
        CompletableFuture<Answered> answered = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(ignored -> {
            ReceivedDecisionRequest request = new ReceivedDecisionRequest.Fields(
                            DecisionInterface.V1, null, subject, "api.access", null, Instant.now(), System.nanoTime())
                    .valid(new DecisionQuery(subject, Action.API_ACCESS, null));
            audited.answer(request)
                    .subscribe()
                    .with(
                            answer ->
                                    answered.complete(new Answered(answer.decisionId(), Context.isOnEventLoopThread())),
                            answered::completeExceptionally);
        });
        return answered.get(30, TimeUnit.SECONDS);
    }

    private static JsonPath decide(String subject) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("subject", Map.of("partyId", subject), "action", "api.access"))
                .post("/v1/decisions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static void putParty(String id, String country) {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Company " + id, "kind", "COMPANY", "country", country))
                .put("/v1/parties/{id}", id)
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    /** The value of one Prometheus sample, by its name and labels as printed. */
    private static double metric(String sample) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : text.split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Double.parseDouble(line.substring(sample.length() + 1).trim());
            }
        }
        throw new AssertionError("no sample `" + sample + "` at /q/metrics");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
