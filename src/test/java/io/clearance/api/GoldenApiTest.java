package io.clearance.api;

import static io.clearance.api.ApiTestSupport.api;
import static io.clearance.api.GoldenJson.assertGolden;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The JSON the API answers, pinned as golden files: the policy desk (describe, validate, test, impact,
 * shadow), the audit trail (a record whole, a list page, verify, replay) and a few problem bodies. A
 * refactoring of the wire types must leave these byte for byte the same once ids, instants and hashes are
 * masked ({@link GoldenJson}).
 *
 * <p>Runs on the demo registry, so that every answer is about known parties.
 */
@QuarkusTest
@TestProfile(DemoRegistryTest.Demo.class)
class GoldenApiTest {

    /** The bundled rules with the majority test made inclusive: Harbor AI (exactly 50%) turns from REVIEW to DENY. */
    private static Map<String, Object> candidate() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (var list = Files.list(Path.of("rules"))) {
            for (Path file : list.toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        files.put("ownership.drl", files.get("ownership.drl").replace(".above(\"50\")", ".atLeast(\"50\")"));
        return Map.of("files", files);
    }

    private static ExtractableResponse<Response> decide(String subject) {
        return api().body(Map.of("subject", Map.of("partyId", subject), "action", "api.access"))
                .post("/v1/decisions")
                .then()
                .statusCode(200)
                .extract();
    }

    @Test
    void policy() {
        assertGolden(
                "policy",
                api().get("/v1/policy?history=1")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
    }

    @Test
    void validateTestAndImpactOfACandidate() throws IOException {
        Map<String, Object> candidate = candidate();
        assertGolden(
                "policy-validate",
                api().body(candidate)
                        .post("/v1/policy/validate")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        assertGolden(
                "policy-test",
                api().body(candidate)
                        .post("/v1/policy/test")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        assertGolden(
                "policy-impact",
                api().body(candidate)
                        .post("/v1/policy/impact")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
    }

    @Test
    void shadow() throws IOException {
        assertGolden(
                "policy-shadow-installed",
                api().body(candidate())
                        .put("/v1/policy/shadow")
                        .then()
                        .statusCode(201)
                        .extract()
                        .asString());
        try {
            decide("harbor-ai");
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> api().get("/v1/policy/shadow/diffs")
                            .then()
                            .statusCode(200)
                            .body("compared", greaterThanOrEqualTo(1)));
            assertGolden(
                    "policy-shadow-diffs",
                    api().get("/v1/policy/shadow/diffs")
                            .then()
                            .statusCode(200)
                            .extract()
                            .asString());
        } finally {
            api().delete("/v1/policy/shadow").then().statusCode(204);
        }
    }

    @Test
    void auditTrail() {
        String id = decide("spree-analytics").path("decisionId");
        String whole = api().get("/v1/audit/decisions/{id}", id)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertGolden("audit-decision", whole);
        String decidedAt = io.restassured.path.json.JsonPath.from(whole).getString("decidedAt");
        assertGolden(
                "audit-list",
                api().queryParam("partyId", "spree-analytics")
                        .queryParam("from", decidedAt)
                        .queryParam("to", decidedAt)
                        .get("/v1/audit/decisions")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        assertGolden(
                "audit-verify",
                api().queryParam("from", decidedAt)
                        .queryParam("to", decidedAt)
                        .get("/v1/audit/verify")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        assertGolden(
                "audit-replay",
                api().post("/v1/audit/decisions/{id}/replay", id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
    }

    @Test
    void problems() {
        assertGolden(
                "problem-400-unknown-field",
                api().body(
                                "{\"subject\": {\"partyId\": \"spree-analytics\"}, \"action\": \"api.access\", \"onBehalf\": 1}")
                        .post("/v1/decisions")
                        .then()
                        .statusCode(400)
                        .header("Clearance-Decision-Id", notNullValue())
                        .extract()
                        .asString());
        assertGolden(
                "problem-404-unknown-party",
                api().get("/v1/parties/{id}", "nobody-at-all")
                        .then()
                        .statusCode(404)
                        .extract()
                        .asString());
        assertGolden(
                "problem-409-stakes-exceed-100",
                api().body("{\"percent\": 50}")
                        .put("/v1/parties/{id}/owners/{owner}", "spree-analytics", "harbor-ai")
                        .then()
                        .statusCode(409)
                        .extract()
                        .asString());
        assertGolden(
                "problem-422-rule-set-rejected",
                api().body(Map.of(
                                "files",
                                Map.of("broken.drl", "package clearance.rules;\nrule \"x\" when then oops end\n")))
                        .post("/v1/policy/validate")
                        .then()
                        .statusCode(422)
                        .extract()
                        .asString());
        assertGolden(
                "problem-422-unknown-party",
                api().body(Map.of("subject", Map.of("partyId", "nobody-at-all"), "action", "api.access"))
                        .post("/v1/decisions")
                        .then()
                        .statusCode(422)
                        .header("Clearance-Decision-Id", notNullValue())
                        .extract()
                        .asString());
    }
}
