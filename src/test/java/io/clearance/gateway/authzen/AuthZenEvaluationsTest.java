package io.clearance.gateway.authzen;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.clearance.gateway.GatewayFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /access/v1/evaluations} and {@code GET /.well-known/authzen-configuration} against the
 * OpenID AuthZEN Authorization API 1.0: the specification's boxcarring examples (top-level defaults, an
 * item overriding the default action, the three evaluation semantics with the exact response shapes it
 * shows), its per-item errors, and the metadata naming the URL it is served from.
 */
@QuarkusTest
class AuthZenEvaluationsTest {

    private static GatewayFixtures f;

    @BeforeEach
    void registry() {
        if (f == null) {
            f = GatewayFixtures.create();
        }
    }

    private static ValidatableResponse evaluations(String body) {
        return given().contentType(ContentType.JSON)
                .header("X-Request-ID", "bfe9eb29-ab87-4ca3-be83-a1d5d8305716")
                .body(body)
                .post("/access/v1/evaluations")
                .then()
                .header("X-Request-ID", "bfe9eb29-ab87-4ca3-be83-a1d5d8305716");
    }

    /** "three requests that refer to a single subject and context, with a default value for action, that is
     * overridden by the third request". */
    @Test
    void defaultsApplyToEveryItemAndAnItemsOwnKeyOverridesThem() {
        evaluations("""
                {
                  "subject": {
                    "type": "organization",
                    "id": "%s"
                  },
                  "context": {
                    "time": "2024-05-31T15:22-07:00"
                  },
                  "action": {
                    "name": "api.access"
                  },
                  "evaluations": [
                    {
                      "resource": {
                        "type": "document",
                        "id": "boxcarring.md"
                      }
                    },
                    {
                      "resource": {
                        "type": "document",
                        "id": "subject-search.md"
                      }
                    },
                    {
                      "action": {
                        "name": "publication.read"
                      },
                      "resource": {
                        "type": "document",
                        "id": "resource-search.md"
                      }
                    }
                  ]
                }""".formatted(f.restricted()))
                .statusCode(200)
                .body("decision", nullValue())
                .body("evaluations", hasSize(3))
                .body("evaluations[0].decision", equalTo(false))
                .body("evaluations[1].decision", equalTo(false))
                .body("evaluations[2].decision", equalTo(true))
                .body("evaluations[2].context.outcome", equalTo("PERMIT"));
    }

    /** The specification's semantics example: `read` for three documents, here for three organisations. */
    private static String semanticsRequest(String semantic) {
        return """
                {
                  "action": {
                    "name": "api.access"
                  },
                  "resource": {
                    "type": "document",
                    "id": "1"
                  },
                  "options": {
                    "evaluations_semantic": "%s"
                  },
                  "evaluations": [
                    { "subject": { "type": "organization", "id": "%s" } },
                    { "subject": { "type": "organization", "id": "%s" } },
                    { "subject": { "type": "organization", "id": "%s" } }
                  ]
                }""".formatted(semantic, f.clean(), f.restricted(), f.clean());
    }

    @Test
    void executeAllAnswersEveryEvaluationInOrder() {
        evaluations(semanticsRequest("execute_all"))
                .statusCode(200)
                .body("evaluations", hasSize(3))
                .body("evaluations.decision", equalTo(java.util.List.of(true, false, true)));
    }

    @Test
    void executeAllIsTheDefault() {
        evaluations(semanticsRequest("execute_all").replace("\"evaluations_semantic\": \"execute_all\"", "\"x\": 1"))
                .statusCode(200)
                .body("evaluations.decision", equalTo(java.util.List.of(true, false, true)));
    }

    /** Response: `[{"decision": true}, {"decision": false, "context": {"code": "200", "reason": "deny_on_first_deny"}}]`. */
    @Test
    void denyOnFirstDenyStopsAtTheFirstDenial() {
        evaluations(semanticsRequest("deny_on_first_deny"))
                .statusCode(200)
                .body("evaluations", hasSize(2))
                .body("evaluations[0].decision", equalTo(true))
                .body("evaluations[1].decision", equalTo(false))
                .body("evaluations[1].context.code", equalTo("200"))
                .body("evaluations[1].context.reason", equalTo("deny_on_first_deny"))
                .body("evaluations[1].context.outcome", equalTo("DENY"));
    }

    /** Response: `[{"decision": true}]`. */
    @Test
    void permitOnFirstPermitStopsAtTheFirstPermission() {
        evaluations(semanticsRequest("permit_on_first_permit"))
                .statusCode(200)
                .body("evaluations", hasSize(1))
                .body("evaluations[0].decision", equalTo(true));
    }

    @Test
    void anUnknownSemanticIsABadRequest() {
        evaluations(semanticsRequest("first_come"))
                .statusCode(400)
                .body("code", equalTo("invalid-evaluations-semantic"));
    }

    /** Errors in individual evaluations: closed, with the error in the context; the others are decided. */
    @Test
    void anItemThatCannotBeEvaluatedIsClosedWithItsErrorAndTheOthersGoOn() {
        evaluations("""
                {"action": {"name": "api.access"}, "resource": {"type": "document", "id": "1"},
                 "evaluations": [
                   {"subject": {"type": "organization", "id": "nobody-%s"}},
                   {"subject": {"type": "user", "id": "%s"}},
                   {"subject": {"type": "organization", "id": "%s"}, "action": {"name": "can_read"}},
                   {"subject": {"type": "organization", "id": "%s"}}
                 ]}""".formatted(f.clean(), f.clean(), f.clean(), f.clean()))
                .statusCode(200)
                .body("evaluations", hasSize(4))
                .body("evaluations[0].decision", equalTo(false))
                .body("evaluations[0].context.error.status", equalTo(422))
                .body("evaluations[0].context.error.code", equalTo("unknown-party"))
                .body("evaluations[0].context.decision_id", notNullValue())
                .body("evaluations[1].context.error.code", equalTo("unsupported-subject-type"))
                .body("evaluations[2].context.error.code", equalTo("unknown-action"))
                .body("evaluations[3].decision", equalTo(true));
    }

    /** Subject, action and resource omitted from an item MUST be given at the top level: else 400. */
    @Test
    void anItemMissingARequiredEntityWithoutDefaultIsABadRequest() {
        evaluations("""
                {"subject": {"type": "organization", "id": "%s"}, "action": {"name": "api.access"},
                 "evaluations": [{"resource": {"type": "document", "id": "1"}}, {}]}""".formatted(f.clean()))
                .statusCode(400)
                .body("code", equalTo("missing-resource"))
                .body("detail", equalTo("`evaluations[1].resource` is required"));
    }

    @Test
    void theMetadataNamesTheBaseUrlItIsServedFrom() {
        String base = "http://localhost:" + RestAssured.port;
        given().get("/.well-known/authzen-configuration")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("policy_decision_point", equalTo(base))
                .body("access_evaluation_endpoint", equalTo(base + "/access/v1/evaluation"))
                .body("access_evaluations_endpoint", equalTo(base + "/access/v1/evaluations"));
    }

    /** Behind a TLS-terminating proxy on this host, the PDP identifier is the URL the PEP called. */
    @Test
    void theMetadataFollowsTheForwardedSchemeHostAndPrefix() {
        given().header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "pdp.example.com")
                .header("X-Forwarded-Prefix", "/clearance")
                .get("/.well-known/authzen-configuration")
                .then()
                .statusCode(200)
                .body("policy_decision_point", equalTo("https://pdp.example.com/clearance"))
                .body("access_evaluation_endpoint", endsWith("pdp.example.com/clearance/access/v1/evaluation"));
    }
}
