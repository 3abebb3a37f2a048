package io.clearance.operations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.clearance.gateway.GatewayFixtures;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Prometheus at {@code /q/metrics} after decisions through two interfaces, and OpenTelemetry present but
 * off by default (its spans record nothing until {@code quarkus.otel.sdk.disabled=false}).
 */
@QuarkusTest
class OperationsTest {

    @Inject
    OpenTelemetry openTelemetry;

    @Test
    void decisionsRegistryAndPolicyLoadsAreExposedToPrometheus() {
        GatewayFixtures f = GatewayFixtures.create();
        given().contentType(ContentType.JSON)
                .body("{\"subject\": {\"partyId\": \"" + f.restricted() + "\"}, \"action\": \"api.access\"}")
                .post("/v1/decisions")
                .then()
                .statusCode(200);
        given().header("X-Clearance-Subject", f.clean())
                .header("X-Clearance-Action", "api.access")
                .get("/v1/authz")
                .then()
                .statusCode(204);
        given().header("X-Clearance-Action", "api.access")
                .get("/v1/authz")
                .then()
                .statusCode(400);
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(
                        containsString(
                                "clearance_decision_latency_seconds_bucket{action=\"api.access\",interface=\"v1\",outcome=\"DENY\""))
                .body(
                        containsString(
                                "clearance_decision_latency_seconds_count{action=\"api.access\",interface=\"auth_request\",outcome=\"PERMIT\"}"))
                .body(containsString("clearance_decisions_total{clause=\"3.3\",outcome=\"DENY\"}"))
                .body(containsString(
                        "clearance_decisions_rejected_total{code=\"missing-subject\",interface=\"auth_request\"}"))
                .body(containsString("clearance_registry_parties "))
                .body(containsString("clearance_registry_stakes "))
                .body(containsString("clearance_policy_reloads_total{outcome=\"ACTIVATED\",trigger=\"STARTUP\"}"));
    }

    /** The extension is there (its API injectable, one switch away) and its SDK is off unless switched on. */
    @Test
    void tracingIsPresentAndOffByDefault() {
        assertNotNull(openTelemetry);
        assertEquals("true", ConfigProvider.getConfig().getValue("quarkus.otel.sdk.disabled", String.class));
    }
}
