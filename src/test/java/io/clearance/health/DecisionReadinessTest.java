package io.clearance.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Readiness asks every part a decision needs, not a ping (issue 11): the rule set, the loaded graph and the
 * recent decisions report under the {@code decisions} check, and decisions that keep failing take the
 * instance out of rotation until one succeeds.
 */
@QuarkusTest
class DecisionReadinessTest {

    @Inject
    DecisionFailures failures;

    private static String data(String probe) {
        return "checks.find { it.name == 'decisions' }.data.'" + probe + "'";
    }

    @Test
    void readinessNamesWhatADecisionNeeds() {
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body(data("rule-set"), startsWith("UP: serving "))
                .body(data("ownership-graph"), startsWith("UP: "))
                .body(data("recent-decisions"), startsWith("UP: "));
    }

    @Test
    void decisionsThatKeepFailingMakeTheInstanceNotReadyUntilOneSucceeds() {
        try {
            for (int i = 0; i < 5; i++) {
                failures.failed("java.lang.StackOverflowError");
            }
            given().when()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(503)
                    .body("checks.find { it.name == 'decisions' }.status", equalTo("DOWN"))
                    .body(data("recent-decisions"), startsWith("DOWN: 5 failed in a row"));
        } finally {
            failures.succeeded();
        }
        given().when().get("/q/health/ready").then().statusCode(200);
    }
}
