package io.clearance.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.clearance.engine.RulesChanged;
import io.clearance.release.PolicyRelease;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A reload by the rules-folder watcher is a change like any other: {@code GET /v1/audit/changes} names the
 * watcher as its actor, with the version before and the attempt after. The watcher's own thread is off here;
 * the test announces the change as the watcher does, so that the record is there when the call returns.
 */
@QuarkusTest
@TestProfile(WatcherAttributionTest.AnnouncedByTheTest.class)
class WatcherAttributionTest {

    /** The temporary rules folder, with the watcher's thread off. */
    public static class AnnouncedByTheTest extends TempPolicyProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("clearance.policy.watch", "false");
            return overrides;
        }
    }

    @Inject
    PolicyRelease release;

    @AfterEach
    void restore() {
        TempPolicyProfile.restoreBundledRules();
        release.onRulesChanged(new RulesChanged());
    }

    @Test
    void aWatchedEditThatServesIsRecordedAsAReloadByTheWatcher() throws IOException {
        String before = given().get("/v1/policy").then().extract().path("version");
        Path file = TempPolicyProfile.rules().resolve("exemptions.drl");
        Files.writeString(file, Files.readString(file).replace("stay readable by everyone", "are open to all"));

        release.onRulesChanged(new RulesChanged());

        String after = given().get("/v1/policy").then().extract().path("version");
        assertNotEquals(before, after, "the edited files serve");
        given().queryParam("actor", "watcher")
                .queryParam("action", "policy.reload")
                .queryParam("limit", 1)
                .when()
                .get("/v1/audit/changes")
                .then()
                .statusCode(200)
                .body("changes[0].actorKind", equalTo("SYSTEM"))
                .body("changes[0].target", equalTo("policy"))
                .body("changes[0].before.version", equalTo(before))
                .body("changes[0].after.version", equalTo(after))
                .body("changes[0].after.trigger", equalTo("WATCHER"));
        given().get("/v1/audit/changes/verify").then().body("intact", equalTo(true));
    }
}
