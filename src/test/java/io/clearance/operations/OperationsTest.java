package io.clearance.operations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.gateway.GatewayFixtures;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
                .body(containsString("clearance_policy_reloads_total{outcome=\"ACTIVATED\",trigger=\"STARTUP\"}"))
                .body(containsString("clearance_audit_journal_backlog_records "))
                .body(containsString("clearance_audit_shipping_lag_seconds "));

        // The journal holds the decisions just logged: its size on disk is not zero, and under its limit.
        String metrics = given().get("/q/metrics").asString();
        double bytes = gauge(metrics, "clearance_audit_journal_backlog_bytes");
        double limit = gauge(metrics, "clearance_audit_journal_limit_bytes");
        assertTrue(bytes > 0, "journal bytes: " + bytes);
        assertTrue(limit > bytes, "journal limit " + limit + " against " + bytes);
    }

    private static double gauge(String metrics, String name) {
        Matcher value = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(metrics);
        assertTrue(value.find(), name + " is not exposed");
        return Double.parseDouble(value.group(1));
    }

    /** The extension is there (its API injectable, one switch away) and its SDK is off unless switched on. */
    @Test
    void tracingIsPresentAndOffByDefault() {
        assertNotNull(openTelemetry);
        assertEquals("true", ConfigProvider.getConfig().getValue("quarkus.otel.sdk.disabled", String.class));
    }
}
