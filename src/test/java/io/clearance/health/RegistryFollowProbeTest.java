package io.clearance.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.registry.FollowSettings;
import io.clearance.registry.outbox.RegistryFollower;
import io.clearance.registry.outbox.RegistryOutbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An instance is ready only once its graph is loaded and has caught up with the registry's outbox (issue 17):
 * one that joins or comes back must not decide on a registry older than the others serve.
 */
@QuarkusTest
class RegistryFollowProbeTest {

    @Inject
    RegistryOutbox outbox;

    @Test
    void aLoadedCaughtUpInstanceIsReadyAndSaysAtWhichVersion() {
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body(
                        "checks.find { it.name == 'decisions' }.data.'registry-follow'",
                        startsWith("UP: caught up with the registry's changes at version "));
    }

    @Test
    void anInstanceWhoseGraphIsNotLoadedIsNotReady() {
        RegistryFollower notStarted = new RegistryFollower(
                new OwnershipGraph(), outbox, new FollowSettings(Duration.ofHours(1), Duration.ofMillis(10)));
        ReadinessProbe.Result result = new RegistryFollowProbe(notStarted).probe();
        assertFalse(result.ready());
        assertEquals("the registry's changes are not followed yet: the graph is not loaded", result.detail());
    }
}
