package io.clearance.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar ({@code target/quarkus-app}) as a user starts it, with its production configuration and
 * the demo registry: it starts, reports itself ready, and serves the README's first decision. Run by
 * failsafe in {@code ./mvnw verify}, after the jar is built.
 */
@QuarkusIntegrationTest
@TestProfile(PackagedJarIT.DemoOnAFreshDatabase.class)
class PackagedJarIT {

    /** The operator's admin key the jar is started with (authentication is on, as in production). */
    static final String ADMIN_KEY = "clr_packaged-jar-test-key-0123456789abcdef";

    /**
     * The demo registry on a database of its own (an in-memory H2), or on the configured one emptied at
     * start, as the test profile empties it: the demo is only loaded into an empty registry.
     */
    public static class DemoOnAFreshDatabase implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>();
            overrides.put("clearance.demo-registry.enabled", "true");
            overrides.put("quarkus.flyway.clean-at-start", "true");
            overrides.put("clearance.auth.admin-key", ADMIN_KEY);
            if (System.getenv("CLEARANCE_DB_URL") == null) {
                overrides.put("quarkus.datasource.jdbc.url", "jdbc:h2:mem:packaged-jar;DB_CLOSE_DELAY=-1");
            }
            return overrides;
        }
    }

    @Test
    void theJarStartsAndIsReady() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void decisionsNeedACredential() {
        given().contentType(ContentType.JSON)
                .body("{\"subject\": {\"partyId\": \"spree-analytics\"}, \"action\": \"api.access\"}")
                .post("/v1/decisions")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void theReadmesFirstDecisionIsADenialUnderClause33() {
        given().header("Authorization", "Bearer " + ADMIN_KEY)
                .contentType(ContentType.JSON)
                .body("{\"subject\": {\"partyId\": \"spree-analytics\"}, \"action\": \"api.access\"}")
                .post("/v1/decisions")
                .then()
                .statusCode(200)
                .body("decision", equalTo("DENY"))
                .body("subject", equalTo("spree-analytics"))
                .body("reasons[0].clause", equalTo("3.3"))
                .body("reasons[0].evidence.restrictedShare", equalTo(60))
                .body("decisionId", notNullValue());
    }

    /** The production profile ships no Swagger UI: nothing there to browse or to attack. */
    @Test
    void swaggerUiIsOffInProduction() {
        given().get("/q/swagger-ui").then().statusCode(404);
        given().get("/q/swagger-ui/index.html").then().statusCode(404);
    }
}
