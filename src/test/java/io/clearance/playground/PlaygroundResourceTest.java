package io.clearance.playground;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The playground run, the fact reference and the advice metric over HTTP: what the page calls, what authors
 * read, what operators scrape.
 */
@QuarkusTest
class PlaygroundResourceTest {

    private static final String SCENARIO = """
            parties:
              - {id: cn, name: CN Co, kind: COMPANY, country: CN}
              - {id: half, name: Half Inc., kind: COMPANY, country: US}
            stakes:
              - {owner: cn, owned: half, percent: 50}
            cases:
              - name: exactly half
                request: {subject: half, action: api.access}
                expect: {decision: PERMIT, advice: [enhanced-due-diligence]}
            """;

    @Test
    void aRunDecidesTheScenarioUnderTheCandidateAndActivatesNothing() {
        String serving = given().get("/v1/policy").then().extract().path("version");
        given().contentType(ContentType.JSON)
                .body(Map.of("scenario", SCENARIO))
                .post("/v1/policy/playground")
                .then()
                .statusCode(200)
                .body("serving", equalTo(serving))
                .body("registry", equalTo("SCENARIO"))
                .body("cases[0].passed", equalTo(true))
                .body("cases[0].decision.decision", equalTo("PERMIT"))
                .body("cases[0].decision.advice[0].code", equalTo("enhanced-due-diligence"))
                .body(
                        "cases[0].firedRules",
                        hasItem(
                                "Organisations held 25% or more through look-through by restricted parties are advised for enhanced due diligence"));
        given().contentType(ContentType.JSON)
                .body(Map.of("scenario", "cases: [", "registry", "scenario"))
                .post("/v1/policy/playground")
                .then()
                .statusCode(422)
                .body("code", equalTo("invalid-scenario"));
        given().contentType(ContentType.JSON)
                .body(Map.of("scenario", SCENARIO, "registry", "elsewhere"))
                .post("/v1/policy/playground")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid-registry"));
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "scenario",
                        SCENARIO,
                        "files",
                        Map.of("zz.drl", "package clearance.rules;\nrule \"x\" when then end")))
                .post("/v1/policy/playground")
                .then()
                .statusCode(422)
                .body("code", equalTo("rule-set-rejected"))
                .body("errors[0].file", equalTo("zz.drl"));
        given().get("/v1/policy").then().body("version", equalTo(serving));
    }

    @Test
    void theReferenceIsServedAsJsonMarkdownAndHtml() {
        given().get("/v1/policy/reference")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("facts.name", hasItem("OwnershipFinding"))
                .body("facts.find { it.name == 'Advice' }.methods.name", hasItem("because"));
        given().accept("text/markdown")
                .get("/v1/policy/reference")
                .then()
                .statusCode(200)
                .body(containsString("## `Subject` (given)"));
        given().queryParam("format", "html")
                .get("/v1/policy/reference")
                .then()
                .statusCode(200)
                .contentType(ContentType.HTML)
                .body(containsString("<code>possiblyExceeded</code>"));
        given().queryParam("format", "pdf")
                .get("/v1/policy/reference")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid-format"));
    }

    @Test
    void adviceIsCountedByCodeAtTheMetricsEndpoint() {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "M CN", "kind", "COMPANY", "country", "CN"))
                .put("/v1/parties/metrics-cn")
                .then()
                .statusCode(201);
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "M US", "kind", "COMPANY", "country", "US"))
                .put("/v1/parties/metrics-half")
                .then()
                .statusCode(201);
        given().contentType(ContentType.JSON)
                .body(Map.of("percent", 50))
                .put("/v1/parties/metrics-half/owners/metrics-cn")
                .then()
                .statusCode(201);
        given().contentType(ContentType.JSON)
                .body(Map.of("subject", Map.of("partyId", "metrics-half"), "action", "api.access"))
                .post("/v1/decisions")
                .then()
                .statusCode(200)
                .body("decision", equalTo("PERMIT"))
                .body("advice[0].code", equalTo("enhanced-due-diligence"));
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("clearance_advice_total{code=\"enhanced-due-diligence\"}"));
    }
}
