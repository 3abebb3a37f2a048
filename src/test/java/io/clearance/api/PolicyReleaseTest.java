package io.clearance.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.engine.RulesChanged;
import io.clearance.release.PolicyRelease;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Releasing on purpose, over HTTP: the release gate refuses a rule set that fails a scenario or leaves a rule
 * uncovered, a forced release needs and records its reason, the history says who did what, a version is
 * activated again in one call, two versions diff, and a released version survives a `touch` and a restart.
 */
@QuarkusTest
@TestProfile(TempPolicyProfile.class)
class PolicyReleaseTest {

    private static final String THRESHOLD = ".above(\"50\")";
    private static final String LOWER = ".atLeast(\"50\")";

    @Inject
    PolicyRelease release;

    @AfterEach
    void restore() {
        TempPolicyProfile.restoreBundledRules();
        given().post("/v1/policy/reload").then().statusCode(200);
    }

    @Test
    void aRuleSetThatFailsAScenarioIsRefusedWithItsFailuresUntilForcedWithAReason() throws IOException {
        String serving = version();
        rewrite("ownership.drl", THRESHOLD, LOWER);

        given().post("/v1/policy/reload")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("rule-set-failed-tests"))
                .body("detail", containsString("still serving " + serving))
                .body("errors.kind", hasItem("failed-scenario"))
                .body("errors.file", hasItem("ownership-aggregation.yaml"))
                .body("errors.find { it.kind == 'failed-scenario' }.differences[0]", containsString("expected"));
        assertEquals(serving, version(), "a refused rule set never serves");
        given().get("/v1/policy")
                .then()
                .body("status", equalTo("degraded"))
                .body("onDisk.differs", equalTo(true))
                .body("onDisk.filesChanged", hasItem("ownership.drl"));

        given().queryParam("force", true)
                .post("/v1/policy/reload")
                .then()
                .statusCode(400)
                .body("code", equalTo("missing-force-reason"));
        assertEquals(serving, version());

        String forced = given().queryParam("force", true)
                .queryParam("reason", "regulator letter 2026-12-02")
                .queryParam("message", "exactly 50% restricts from today")
                .post("/v1/policy/reload")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("ACTIVATED"))
                .extract()
                .path("version");
        given().get("/v1/policy/versions")
                .then()
                .statusCode(200)
                .body("serving", equalTo(forced))
                .body("releases[0].version", equalTo(forced))
                .body("releases[0].how", equalTo("RELOAD"))
                // Tests run with auth off: security's CurrentActor names the caller `local`.
                .body("releases[0].actor", equalTo("local"))
                .body("releases[0].message", equalTo("exactly 50% restricts from today"))
                .body("releases[0].forced", equalTo(true))
                .body("releases[0].forceReason", equalTo("regulator letter 2026-12-02"))
                .body("releases[0].tests.failed", greaterThanOrEqualTo(1))
                .body("releases[0].previousVersion", equalTo(serving));

        // The difference between the two, as an auditor reads it.
        given().get("/v1/policy/versions/{a}/diff/{b}", serving, forced)
                .then()
                .statusCode(200)
                .body("files.file", hasItem("ownership.drl"))
                .body("files.find { it.file == 'ownership.drl' }.status", equalTo("changed"))
                .body("files.find { it.file == 'ownership.drl' }.unifiedDiff", containsString("-        " + THRESHOLD))
                .body("files.find { it.file == 'ownership.drl' }.unifiedDiff", containsString("+        " + LOWER))
                .body("rulesChanged.rule", hasItem(containsString("restricted owners")))
                .body("parameters.find { it.key == 'majority' }.kind", equalTo("ownership-test"))
                .body("parameters.find { it.key == 'majority' }.change", containsString("comparison"));

        // The policy page shows the releases and what the newest one changed.
        given().get("/audit/policy")
                .then()
                .statusCode(200)
                .body(containsString("regulator letter 2026-12-02"))
                .body(containsString("+        .atLeast(&quot;50&quot;)"))
                .body(containsString("ownership-test <code>majority</code>"));

        // Rolling back is one call, through the same gate; the bundled rules pass it.
        given().queryParam("message", "back to the published policy")
                .post("/v1/policy/versions/{v}/activate", serving)
                .then()
                .statusCode(200)
                .body("outcome", equalTo("ACTIVATED"))
                .body("trigger", equalTo("ROLLBACK"));
        assertEquals(serving, version());
        given().get("/v1/policy/versions")
                .then()
                .body("releases[0].how", equalTo("ROLLBACK"))
                .body("releases[0].forced", equalTo(false))
                .body("releases[0].forceReason", nullValue())
                .body("releases[0].tests.failed", equalTo(0))
                .body("releases[0].tests.uncoveredRules", equalTo(0));

        // Activating a version that fails the gate is refused like a reload.
        given().post("/v1/policy/versions/{v}/activate", forced)
                .then()
                .statusCode(422)
                .body("code", equalTo("rule-set-failed-tests"));
        assertEquals(serving, version());
    }

    @Test
    void aRuleNoScenarioCoversIsRefused() throws IOException {
        String serving = version();
        Files.writeString(TempPolicyProfile.rules().resolve("zz-uncovered.drl"), """
                package clearance.rules;
                import io.clearance.engine.facts.*;
                rule "Parties from Atlantis are denied"
                    @clause("2.2") @description("no scenario has a party from Atlantis")
                when
                    Subject(country == "XA")
                then
                    insert(Deny.because("from Atlantis", Evidence.of()));
                end
                """);
        given().post("/v1/policy/reload")
                .then()
                .statusCode(422)
                .body("code", equalTo("rule-set-failed-tests"))
                .body("errors.find { it.kind == 'uncovered-rule' }.rule", equalTo("Parties from Atlantis are denied"))
                .body("errors.find { it.kind == 'uncovered-rule' }.file", equalTo("zz-uncovered.drl"))
                .body("errors.find { it.kind == 'uncovered-rule' }.line", equalTo(3));
        assertEquals(serving, version());
    }

    @Test
    void unknownVersionsAre404() {
        given().post("/v1/policy/versions/{v}/activate", "0000000000000000")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("unknown-policy-version"));
        given().get("/v1/policy/versions/{a}/diff/{b}", version(), "0000000000000000")
                .then()
                .statusCode(404)
                .body("code", equalTo("unknown-policy-version"));
    }

    @Test
    void aReleasedVersionSurvivesATouchAndARestart() throws IOException {
        String published = version();
        // A candidate that passes the gate: a reworded message, promoted from the shadow.
        Map<String, String> candidate = TempPolicyProfileFiles.bundled();
        candidate.put(
                "exemptions.drl",
                candidate.get("exemptions.drl").replace("stay readable by everyone", "are open to all"));
        String promoted = given().contentType(ContentType.JSON)
                .body(Map.of("files", candidate))
                .put("/v1/policy/shadow")
                .then()
                .statusCode(201)
                .extract()
                .path("version");
        given().queryParam("message", "friendlier wording " + UUID.randomUUID())
                .post("/v1/policy/shadow/promote")
                .then()
                .statusCode(200)
                .body("version", equalTo(promoted));

        // A bare touch of the rules folder: the files did not change, so nothing is reloaded.
        Path file = TempPolicyProfile.rules().resolve("ownership.drl");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        release.onRulesChanged(new RulesChanged());
        assertEquals(promoted, version(), "a touch must not revert a promoted version");

        // A restart serves what was released, not the files, and says how they differ.
        release.start();
        assertEquals(promoted, version());
        given().get("/v1/policy")
                .then()
                .body("restoredAtStartup", equalTo(true))
                .body("release.version", equalTo(promoted))
                .body("release.how", equalTo("PROMOTE"))
                .body("onDisk.version", equalTo(published))
                .body("onDisk.filesChanged", hasItem("exemptions.drl"));
        assertNotEquals(published, version());
        assertTrue(decideVersion().equals(promoted));
    }

    @Test
    void warningsSayWhenARuleNameNoLongerMatchesItsTest() throws IOException {
        Map<String, String> candidate = TempPolicyProfileFiles.bundled();
        candidate.put("ownership.drl", candidate.get("ownership.drl").replace(THRESHOLD, ".above(\"40\")"));
        given().contentType(ContentType.JSON)
                .body(Map.of("files", candidate))
                .post("/v1/policy/validate")
                .then()
                .statusCode(200)
                .body("warnings.file", hasItem("ownership.drl"))
                .body(
                        "warnings.message",
                        hasItem(containsString("names more than 50% but tests `majority` more than 40%")));
        given().get("/v1/policy").then().body("warnings.size()", equalTo(0)).body("version", not(nullValue()));
    }

    // ---- helpers ----

    private static String version() {
        return given().get("/v1/policy").then().statusCode(200).extract().path("version");
    }

    private static String decideVersion() {
        String id = "rel-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Release Probe", "kind", "COMPANY", "country", "FR"))
                .put("/v1/parties/" + id)
                .then()
                .statusCode(201);
        return given().contentType(ContentType.JSON)
                .body(Map.of("subject", Map.of("partyId", id), "action", "api.access"))
                .post("/v1/decisions")
                .then()
                .statusCode(200)
                .extract()
                .path("policyVersion");
    }

    private static void rewrite(String file, String find, String replace) throws IOException {
        Path path = TempPolicyProfile.rules().resolve(file);
        String content = Files.readString(path);
        assertTrue(content.contains(find), file + " no longer contains " + find);
        Files.writeString(path, content.replace(find, replace));
    }

    /** The bundled rule files by name, for candidates. */
    static final class TempPolicyProfileFiles {
        static Map<String, String> bundled() throws IOException {
            Map<String, String> files = new java.util.TreeMap<>();
            try (var list = Files.list(Path.of("rules"))) {
                for (Path f : list.toList()) {
                    files.put(f.getFileName().toString(), Files.readString(f));
                }
            }
            return files;
        }
    }
}
