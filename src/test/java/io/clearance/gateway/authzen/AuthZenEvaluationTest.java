package io.clearance.gateway.authzen;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.clearance.gateway.GatewayFixtures;
import io.clearance.registry.identity.Leis;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /access/v1/evaluation} against the OpenID AuthZEN Authorization API 1.0 (final text,
 * {@code api/authorization-api-1_0.md}): its request examples copied, with the ids and types Clearance
 * needs where they must name parties of the registry, and its rules: a deny is a 200 with
 * {@code "decision": false}, 4xx only for requests that cannot be evaluated, {@code X-Request-ID} echoed,
 * unknown fields ignored, a missing required attribute a 400.
 */
@QuarkusTest
class AuthZenEvaluationTest {

    private static final String REQUEST_ID = "bfe9eb29-ab87-4ca3-be83-a1d5d8305716";
    private static GatewayFixtures f;

    @BeforeEach
    void registry() {
        if (f == null) {
            f = GatewayFixtures.create();
        }
    }

    private static ValidatableResponse evaluate(String body) {
        return given().contentType(ContentType.JSON)
                .header("X-Request-ID", REQUEST_ID)
                .body(body)
                .post("/access/v1/evaluation")
                .then()
                .header("X-Request-ID", REQUEST_ID);
    }

    /** The specification's "Example Request", as written: a `user` and `can_read` are not Clearance's. */
    @Test
    void theSpecificationsExampleRequestAsWrittenIsABadRequestThatIsLogged() {
        String decisionId = evaluate("""
                {
                  "subject": {
                    "type": "user",
                    "id": "alice@example.com"
                  },
                  "resource": {
                    "type": "account",
                    "id": "123"
                  },
                  "action": {
                    "name": "can_read",
                    "properties": {
                      "method": "GET"
                    }
                  },
                  "context": {
                    "time": "1985-10-26T01:22-07:00"
                  }
                }""")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("unsupported-subject-type"))
                .extract()
                .header("Clearance-Decision-Id");
        given().get("/v1/audit/decisions/{id}", decisionId)
                .then()
                .statusCode(200)
                .body("decision", equalTo("REJECTED"))
                .body("request.gateway.interface", equalTo("authzen"))
                .body("request.gateway.resource.type", equalTo("account"));
    }

    /** The same example with an organisation of the registry and one of Clearance's actions: a permit. */
    @Test
    void theSpecificationsExampleForAPartyOfTheRegistryIsPermittedAndLoggedWithItsResource() {
        String decisionId = evaluate("""
                {
                  "subject": {
                    "type": "organization",
                    "id": "%s"
                  },
                  "resource": {
                    "type": "account",
                    "id": "123"
                  },
                  "action": {
                    "name": "api.access",
                    "properties": {
                      "method": "GET"
                    }
                  },
                  "context": {
                    "time": "1985-10-26T01:22-07:00"
                  }
                }""".formatted(f.clean()))
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("decision", equalTo(true))
                .body("context.outcome", equalTo("PERMIT"))
                .body("context.policy_version", notNullValue())
                .body("context.reasons[0].clause", notNullValue())
                .body("context.decision_id", matchesPattern("[0-9a-f-]{36}"))
                .extract()
                .path("context.decision_id");
        given().get("/v1/audit/decisions/{id}", decisionId)
                .then()
                .statusCode(200)
                .body("decision", equalTo("PERMIT"))
                .body("request.subject.partyId", equalTo(f.clean()))
                .body("request.gateway.interface", equalTo("authzen"))
                .body("request.gateway.subject_type", equalTo("organization"))
                .body("request.gateway.resource.type", equalTo("account"))
                .body("request.gateway.resource.id", equalTo("123"))
                .body("request.gateway.request_id", equalTo(REQUEST_ID));
    }

    /** A subject given by its LEI (`type` the scheme) is decided as the party that carries it. */
    @Test
    void aSubjectGivenByItsLeiIsDecidedAsThePartyThatCarriesIt() {
        String lei = Leis.fresh();
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "name", "Restricted by LEI",
                        "kind", "COMPANY",
                        "country", "DE",
                        "identifiers", List.of(Map.of("scheme", "lei", "id", lei))))
                .put("/v1/parties/{id}", f.restricted())
                .then()
                .statusCode(200);
        String decisionId = evaluate(body("lei", lei, "api.access", ""))
                .statusCode(200)
                .body("decision", equalTo(false))
                .body("context.outcome", equalTo("DENY"))
                .extract()
                .path("context.decision_id");
        given().get("/v1/audit/decisions/{id}", decisionId)
                .then()
                .statusCode(200)
                .body("request.subject.partyId", equalTo(f.restricted()))
                .body("request.gateway.subject_type", equalTo("lei"))
                .body("request.gateway.subject_identifier", equalTo("lei:" + lei));

        // An LEI nobody carries is an unknown party; one with wrong check digits is not an LEI.
        evaluate(body("lei", Leis.fresh(), "api.access", "")).statusCode(422).body("code", equalTo("unknown-party"));
        evaluate(body("lei", lei.substring(0, 18) + "00", "api.access", ""))
                .statusCode(400)
                .body("code", equalTo("invalid-lei"));
    }

    @Test
    void aDenialIsA200WithDecisionFalseAndItsReasons() {
        evaluate(body("organization", f.restricted(), "api.access", ""))
                .statusCode(200)
                .body("decision", equalTo(false))
                .body("context.outcome", equalTo("DENY"))
                .body("context.reasons[0].clause", equalTo("3.3"))
                .body("context.reasons[0].rule", notNullValue())
                .body("context.reasons[0].message", notNullValue())
                .body("context.reasons[0].evidence", nullValue());
    }

    @Test
    void adviceTravelsInTheContextBesideAPermit() {
        evaluate(body("organization", f.advised(), "api.access", ""))
                .statusCode(200)
                .body("decision", equalTo(true))
                .body("context.outcome", equalTo("PERMIT"))
                .body("context.advice.code", contains("enhanced-due-diligence"))
                .body("context.advice[0].clause", equalTo("3.4"));
    }

    @Test
    void aReviewIsNotAPermission() {
        evaluate(body("organization", f.review(), "api.access", ""))
                .statusCode(200)
                .body("decision", equalTo(false))
                .body("context.outcome", equalTo("REVIEW"));
    }

    @Test
    void theEndCustomerComesFromContextOnBehalfOf() {
        evaluate(body(
                        "organization",
                        f.reseller(),
                        "api.access",
                        ", \"context\": {\"on_behalf_of\": {\"type\": \"organization\", \"id\": \"" + f.restricted()
                                + "\"}}"))
                .statusCode(200)
                .body("decision", equalTo(false))
                .body("context.outcome", equalTo("DENY"));
        evaluate(body(
                        "party",
                        f.reseller(),
                        "api.access",
                        ", \"context\": {\"on_behalf_of\": {\"type\": \"organization\", \"id\": \"" + f.clean()
                                + "\"}}"))
                .statusCode(200)
                .body("decision", equalTo(true));
    }

    /** The ban on China dates from 2025-09-05 (clause 2.1): before it, the CN-held company was clear. */
    @Test
    void contextAtDecidesForThatInstant() {
        evaluate(body(
                        "organization",
                        f.restricted(),
                        "api.access",
                        ", \"context\": {\"at\": \"2025-06-01T00:00:00Z\"}"))
                .statusCode(200)
                .body("decision", equalTo(true));
        evaluate(body("organization", f.restricted(), "api.access", ", \"context\": {\"at\": \"June 2025\"}"))
                .statusCode(400)
                .body("code", equalTo("invalid-at"));
    }

    /** "Receivers MUST ignore unknown fields present in request or response bodies." */
    @Test
    void unknownFieldsAreIgnored() {
        evaluate("""
                {"subject": {"type": "organization", "id": "%s", "properties": {"department": "Sales"}},
                 "action": {"name": "api.access"}, "resource": {"type": "book", "id": "123",
                 "properties": {"library_record": {"title": "AuthZEN in Action", "isbn": "978-0593383322"}}},
                 "context": {"time": "1985-10-26T01:22-07:00", "schema": "https://schema.example.com/x.json"},
                 "extension": 1}""".formatted(f.clean())).statusCode(200).body("decision", equalTo(true));
    }

    /** "If a required attribute in the information model is omitted, the server MUST return a Bad Request". */
    @Test
    void aMissingRequiredAttributeIsABadRequest() {
        evaluate("{\"subject\": {\"type\": \"organization\", \"id\": \"" + f.clean()
                        + "\"}, \"action\": {\"name\": \"api.access\"}}")
                .statusCode(400)
                .body("code", equalTo("missing-resource"))
                .header("Clearance-Decision-Id", notNullValue());
        evaluate(
                        "{\"subject\": {\"id\": \"" + f.clean()
                                + "\"}, \"action\": {\"name\": \"api.access\"}, \"resource\": {\"type\": \"a\", \"id\": \"1\"}}")
                .statusCode(400)
                .body("code", equalTo("invalid-subject"));
        evaluate("{\"subject\": {\"type\": \"organization\", \"id\": \"" + f.clean()
                        + "\"}, \"action\": {}, \"resource\": {\"type\": \"a\", \"id\": \"1\"}}")
                .statusCode(400)
                .body("code", equalTo("invalid-action"));
        evaluate("{\"subject\": ").statusCode(400).body("code", equalTo("malformed-json"));
    }

    @Test
    void anUnknownPartyOrActionIsAnErrorNotADecision() {
        evaluate(body("organization", "no-such-party-" + f.clean(), "api.access", ""))
                .statusCode(422)
                .body("code", equalTo("unknown-party"));
        evaluate(body("organization", f.clean(), "can_read", ""))
                .statusCode(400)
                .body("code", equalTo("unknown-action"));
    }

    @Test
    void theEvaluationsEndpointWithoutEvaluationsAnswersOneDecision() {
        given().contentType(ContentType.JSON)
                .body(body("organization", f.restricted(), "api.access", ", \"evaluations\": []"))
                .post("/access/v1/evaluations")
                .then()
                .statusCode(200)
                .body("decision", equalTo(false))
                .body("evaluations", nullValue());
    }

    @Test
    void theReasonsListEveryDecidingRule() {
        evaluate(body("organization", f.parent(), "api.access", ""))
                .statusCode(200)
                .body("decision", equalTo(false))
                .body("context.reasons", hasSize(1))
                .body("context.reasons[0].clause", equalTo("2.2"));
    }

    @Test
    void aBodyOfManyChunksIsReadWholeFreshAndFromTheMemo() {
        // 600 KB of whitespace between tokens: valid JSON in many chunks, read on the event loop for a memo hit
        String padded = body("organization", f.parent(), "api.access", " ".repeat(600 * 1024));
        for (int i = 0; i < 3; i++) {
            evaluate(padded).statusCode(200).body("decision", equalTo(false));
        }
    }

    static String body(String type, String id, String action, String more) {
        return "{\"subject\": {\"type\": \"" + type + "\", \"id\": \"" + id + "\"}, \"action\": {\"name\": \"" + action
                + "\"}, \"resource\": {\"type\": \"model\", \"id\": \"gpt\"}" + more + "}";
    }
}
