package io.clearance.operations;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.gateway.GatewayFixtures;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * With tracing switched on, the server span of each decision carries its id, outcome and policy version:
 * decided afresh on a worker, answered from the memo on the event loop, and through a gateway interface.
 */
@QuarkusTest
@TestProfile(TracingOnProfile.class)
class DecisionTracingTest {

    private static final AttributeKey<String> DECISION_ID =
            AttributeKey.stringKey(DecisionTelemetry.DECISION_ID_ATTRIBUTE);

    @Inject
    RecordedSpans recorded;

    @Test
    void eachDecisionsSpanCarriesItsId() throws InterruptedException {
        GatewayFixtures f = GatewayFixtures.create();
        String body = "{\"subject\": {\"partyId\": \"" + f.restricted() + "\"}, \"action\": \"api.access\"}";
        String fresh = decide(body);
        String memoised = decide(body);
        String viaAuthz = given().header("X-Clearance-Subject", f.clean())
                .header("X-Clearance-Action", "api.access")
                .get("/v1/authz")
                .then()
                .statusCode(204)
                .extract()
                .header("Clearance-Decision-Id");

        SpanData deny = spanOf(fresh);
        assertEquals("DENY", deny.getAttributes().get(AttributeKey.stringKey("clearance.outcome")));
        assertTrue(deny.getAttributes().get(AttributeKey.stringKey("clearance.policy_version")) != null);
        assertEquals("DENY", spanOf(memoised).getAttributes().get(AttributeKey.stringKey("clearance.outcome")));
        assertEquals("PERMIT", spanOf(viaAuthz).getAttributes().get(AttributeKey.stringKey("clearance.outcome")));
    }

    private static String decide(String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/v1/decisions")
                .then()
                .statusCode(200)
                .extract()
                .path("decisionId");
    }

    /** The exported span naming {@code decisionId}; spans leave in batches, so it may take a moment. */
    private SpanData spanOf(String decisionId) throws InterruptedException {
        for (int attempt = 0; attempt < 200; attempt++) {
            Optional<SpanData> span = recorded.spans().stream()
                    .filter(s -> decisionId.equals(s.getAttributes().get(DECISION_ID)))
                    .findFirst();
            if (span.isPresent()) {
                return span.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no exported span carries decision " + decisionId + ": " + recorded.spans());
    }
}
