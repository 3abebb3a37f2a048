package io.clearance.release;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clearance.engine.LoadAttempt;
import io.clearance.engine.PolicyEngine;
import io.clearance.engine.PolicyStore;
import io.clearance.engine.RuleSet;
import io.clearance.engine.RuleSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Several instances on one database serve the same release: a release recorded by another instance (here,
 * written to the shared tables as that instance writes it: the rule set stored, the release recorded) is
 * served by this one without a call, and a release back is followed too.
 */
@QuarkusTest
class ReleaseFollowerTest {

    @Inject
    PolicyEngine engine;

    @Inject
    PolicyStore store;

    @Inject
    ReleaseHistory history;

    @Test
    void aReleaseRecordedByAnotherInstanceServesHere() {
        String original = engine.active().version();
        RuleSet elsewhere = engine.compileCandidate(editedOnAnotherInstance(), null);

        releasedElsewhere(elsewhere, original);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> engine.active().version().equals(elsewhere.version()));
        given().get("/v1/policy").then().statusCode(200).body("version", equalTo(elsewhere.version()));
        assertEquals(LoadAttempt.Trigger.FOLLOW, engine.served().trigger());

        // And back, as a rollback on the other instance would be: the rest of the suite runs on the bundled rules.
        releasedElsewhere(engine.ruleSet(original).orElseThrow(), elsewhere.version());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> engine.active().version().equals(original));
    }

    @Test
    void aReleaseWhoseRuleSetIsNotStoredYetIsFollowedOnceItIs() {
        String original = engine.active().version();
        RuleSet elsewhere = engine.compileCandidate(editedOnAnotherInstance(), null);
        // The other instance records the release first and stores the rule set as it starts serving it.
        history.record(activation(elsewhere.version(), original));
        store.saveServedVersion(elsewhere, engine.policyDocument());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> engine.active().version().equals(elsewhere.version()));

        releasedElsewhere(engine.ruleSet(original).orElseThrow(), elsewhere.version());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> engine.active().version().equals(original));
    }

    private void releasedElsewhere(RuleSet ruleSet, String previous) {
        store.saveServedVersion(ruleSet, engine.policyDocument());
        history.record(activation(ruleSet.version(), previous));
    }

    private static Activation activation(String version, String previous) {
        return new Activation(
                version,
                Instant.now(),
                "admin-on-instance-b",
                LoadAttempt.Trigger.ACTIVATE,
                "released on another instance",
                false,
                null,
                null,
                previous);
    }

    /** The bundled rules with one comment added: another content, so another version. */
    private Map<String, String> editedOnAnotherInstance() {
        Map<String, String> files = new LinkedHashMap<>();
        for (RuleSource source : engine.diskSources()) {
            files.put(source.name(), source.content());
        }
        String first = files.keySet().iterator().next();
        files.put(first, files.get(first) + "\n// edited on instance b at " + System.nanoTime() + "\n");
        return files;
    }
}
