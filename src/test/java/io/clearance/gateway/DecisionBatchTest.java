package io.clearance.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.registry.identity.Leis;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/decisions/batch}: each item decided and logged on its own, a bad item its own problem
 * (as {@code POST /v1/decisions} would answer it) while the others are decided, and the item limit.
 */
@QuarkusTest
class DecisionBatchTest {

    private static GatewayFixtures f;

    @BeforeEach
    void registry() {
        if (f == null) {
            f = GatewayFixtures.create();
        }
    }

    @Test
    void everyItemIsDecidedAndLoggedOnItsOwnAndABadItemIsItsOwnProblem() {
        var response = given().contentType(ContentType.JSON)
                .body("""
                {"requests": [
                  {"subject": {"partyId": "%s"}, "action": "api.access"},
                  {"subject": {"partyId": "%s"}, "action": "api.access"},
                  {"subject": {"partyId": "%s"}, "action": "api.acess"},
                  {"subject": {"partyId": "%s"}, "action": "api.access", "onBehalfOf": {}},
                  {"subject": {"partyId": "%s"}, "action": "api.access", "onBehalfof": {"partyId": "%s"}},
                  {"subject": {"partyId": "nobody-%s"}, "action": "api.access"},
                  {"subject": {"partyId": "%s"}, "action": "api.access", "onBehalfOf": {"partyId": "%s"}}
                ]}""".formatted(
                                f.clean(),
                                f.restricted(),
                                f.clean(),
                                f.reseller(),
                                f.reseller(),
                                f.restricted(),
                                f.clean(),
                                f.reseller(),
                                f.restricted()))
                .post("/v1/decisions/batch")
                .then()
                .statusCode(200)
                .body("results", hasSize(7))
                .body("results[0].status", equalTo(200))
                .body("results[0].decision.decision", equalTo("PERMIT"))
                .body("results[1].decision.decision", equalTo("DENY"))
                .body("results[1].decision.reasons[0].clause", equalTo("3.3"))
                .body("results[2].status", equalTo(400))
                .body("results[2].problem.code", equalTo("unknown-action"))
                .body("results[2].decision", nullValue())
                .body("results[3].problem.code", equalTo("missing-on-behalf-of"))
                .body("results[4].problem.code", equalTo("unknown-field"))
                .body("results[5].status", equalTo(422))
                .body("results[5].problem.code", equalTo("unknown-party"))
                .body("results[6].decision.decision", equalTo("DENY"))
                .extract();
        String denied = response.path("results[1].decision.decisionId");
        given().get("/v1/audit/decisions/{id}", denied)
                .then()
                .statusCode(200)
                .body("decision", equalTo("DENY"))
                .body("request.gateway.interface", equalTo("batch"));
        String rejected = response.path("results[2].decisionId");
        given().get("/v1/audit/decisions/{id}", rejected)
                .then()
                .statusCode(200)
                .body("decision", equalTo("REJECTED"))
                .body("answer.code", equalTo("unknown-action"));
    }

    @Test
    void aBatchAboveTheLimitOrEmptyIsRefusedWhole() {
        String item = "{\"subject\": {\"partyId\": \"" + f.clean() + "\"}, \"action\": \"api.access\"}";
        String tooMany = IntStream.range(0, 1001).mapToObj(i -> item).collect(Collectors.joining(","));
        given().contentType(ContentType.JSON)
                .body("{\"requests\": [" + tooMany + "]}")
                .post("/v1/decisions/batch")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("batch-too-large"))
                .header("Clearance-Decision-Id", notNullValue());
        given().contentType(ContentType.JSON)
                .body("{\"requests\": []}")
                .post("/v1/decisions/batch")
                .then()
                .statusCode(400)
                .body("code", equalTo("empty-batch"));
        given().contentType(ContentType.JSON)
                .body("{\"requests\": [" + item + "], \"extra\": 1}")
                .post("/v1/decisions/batch")
                .then()
                .statusCode(400)
                .body("code", equalTo("unknown-field"))
                .header("Clearance-Decision-Id", notNullValue());
    }

    @Test
    void itemsNameTheirPartiesByIdentifierAndMayAskForARegistryVersion() {
        String lei = Leis.fresh();
        String holder = "batch-lei-" + lei;
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "name", "Batch LEI Co",
                        "kind", "COMPANY",
                        "country", "CN",
                        "identifiers", List.of(Map.of("scheme", "lei", "id", lei))))
                .put("/v1/parties/{id}", holder)
                .then()
                .statusCode(201);
        long version = given().contentType(ContentType.JSON)
                .body("{\"subject\": {\"partyId\": \"" + f.clean() + "\"}, \"action\": \"api.access\"}")
                .post("/v1/decisions")
                .then()
                .statusCode(200)
                .extract()
                .<Number>path("registryVersion")
                .longValue();

        var response = given().contentType(ContentType.JSON)
                .body("""
                {"requests": [
                  {"subject": {"identifier": {"scheme": "lei", "id": "%s"}}, "action": "api.access"},
                  {"subject": {"identifier": {"scheme": "lei", "id": "%s"}}, "action": "api.access"},
                  {"subject": {"partyId": "%s"}, "action": "api.access", "minRegistryVersion": %d},
                  {"subject": {"partyId": "%s"}, "action": "api.access", "minRegistryVersion": %d}
                ]}""".formatted(lei, Leis.fresh(), f.clean(), version, f.clean(), version + 1_000_000))
                .post("/v1/decisions/batch")
                .then()
                .statusCode(200)
                .body("results[0].status", equalTo(200))
                .body("results[0].decision.subject", equalTo(holder))
                .body("results[0].decision.decision", equalTo("DENY"))
                .body("results[1].status", equalTo(422))
                .body("results[1].problem.code", equalTo("unknown-party"))
                .body("results[2].status", equalTo(200))
                .body("results[2].decision.decision", equalTo("PERMIT"))
                .body("results[3].status", equalTo(503))
                .body("results[3].problem.code", equalTo("registry-behind"))
                .extract();
        assertTrue(response.<Number>path("results[2].decision.registryVersion").longValue() >= version);
        // The identifier is kept in the audit record as the caller gave it.
        given().get("/v1/audit/decisions/{id}", response.<String>path("results[0].decision.decisionId"))
                .then()
                .statusCode(200)
                .body("request.gateway.subjectIdentifier.id", equalTo(lei));
    }
}
