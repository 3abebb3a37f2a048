package io.clearance.release;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clearance.engine.LoadAttempt;
import io.clearance.engine.PolicyEngine;
import io.clearance.engine.PolicyStore;
import io.clearance.engine.RuleSet;
import io.clearance.engine.RuleSource;
import io.clearance.registry.outbox.Notices;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 on PostgreSQL: another instance's release reaches this one through {@code NOTIFY}, not the poll.
 * The poll runs once an hour here, so a follow within the test can only come from the notice; the other
 * instance is its writes to the shared tables (the rule set stored, the release recorded) and the notice it
 * sends once the version serves there. Skipped on H2, which has no {@code NOTIFY}.
 */
@QuarkusTest
@TestProfile(ReleaseNoticeTest.PollOnceAnHour.class)
class ReleaseNoticeTest {

    /** The release follower's poll as good as off. */
    public static class PollOnceAnHour implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("clearance.policy.follow-interval", "1h");
        }
    }

    @Inject
    PolicyEngine engine;

    @Inject
    PolicyStore store;

    @Inject
    ReleaseHistory history;

    @Inject
    Notices notices;

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    @Test
    void aReleaseAnnouncedByAnotherInstanceServesHereWithoutWaitingForThePoll() {
        assumeTrue(dbKind.startsWith("postgres"), "NOTIFY is PostgreSQL's");
        String original = engine.active().version();
        RuleSet elsewhere = engine.compileCandidate(editedOnAnotherInstance(), null);

        releasedElsewhere(elsewhere, original);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> engine.active().version().equals(elsewhere.version()));
        given().get("/v1/policy").then().statusCode(200).body("version", equalTo(elsewhere.version()));
        assertEquals(LoadAttempt.Trigger.FOLLOW, engine.served().trigger());

        // And back, announced the same way (the version served here before: no compile on the way).
        releasedElsewhere(engine.ruleSet(original).orElseThrow(), elsewhere.version());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> engine.active().version().equals(original));
        given().get("/v1/policy").then().statusCode(200).body("version", equalTo(original));
    }

    // As the releasing instance does it: stored and recorded, then announced once it serves there.
    private void releasedElsewhere(RuleSet ruleSet, String previous) {
        store.saveServedVersion(ruleSet, engine.policyDocument());
        history.record(new Activation(
                ruleSet.version(),
                Instant.now(),
                "admin-on-instance-b",
                LoadAttempt.Trigger.ACTIVATE,
                "released on another instance",
                false,
                null,
                null,
                previous));
        notices.announce(ReleaseFollower.CHANNEL);
    }

    /** The bundled rules with one comment added: another content, so another version. */
    private Map<String, String> editedOnAnotherInstance() {
        Map<String, String> files = new LinkedHashMap<>();
        for (RuleSource source : engine.diskSources()) {
            files.put(source.name(), source.content());
        }
        String first = files.keySet().iterator().next();
        files.put(first, files.get(first) + "\n// announced by instance b at " + System.nanoTime() + "\n");
        return files;
    }
}
