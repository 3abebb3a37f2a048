package io.clearance.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The policy author's loop over HTTP, on a private copy of the rules: edit and see the next decision
 * change, break and see every error while decisions go on, validate and test a candidate, see its
 * impact on the registry, run it in the shadow and promote it.
 */
@QuarkusTest
@TestProfile(TempPolicyProfile.class)
class PolicyLifecycleTest {

    private static final String AT_LEAST_FIFTY = ".above(\"50\")";

    private String run;

    @BeforeEach
    void registry() {
        run = UUID.randomUUID().toString().substring(0, 8);
        party("cn-" + run, "CN Fund", "COMPANY", "CN");
        party("ru-" + run, "RU Bank", "COMPANY", "RU");
        party("half-" + run, "Half Inc.", "COMPANY", "US");
        stake("half-" + run, "cn-" + run, 30);
        stake("half-" + run, "ru-" + run, 20);
    }

    @AfterEach
    void restore() {
        TempPolicyProfile.restoreBundledRules();
        given().post("/v1/policy/reload").then().statusCode(200);
    }

    @Test
    void anEditedRuleDecidesTheNextRequest() throws IOException {
        String before = decide("half-" + run).path("policyVersion");
        // Exactly 50% is not denied by the bundled rules (clause 3.2 as published): permitted, with advice.
        assertEquals("PERMIT", decide("half-" + run).path("decision"));

        // Making exactly 50% restrict breaks the bundled scenarios: only a forced release, with its reason.
        rewrite("ownership.drl", AT_LEAST_FIFTY, ".atLeast(\"50\")");
        given().queryParam("force", true)
                .queryParam("reason", "regulator asked for 50% now")
                .post("/v1/policy/reload")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("ACTIVATED"));

        var after = decide("half-" + run);
        assertEquals("DENY", after.path("decision"));
        assertTrue(!before.equals(after.path("policyVersion")), "the version names the new rule set");
    }

    @Test
    void aBrokenRuleSetIsRefusedWithEveryErrorWhileDecisionsGoOn() throws IOException {
        String serving = given().get("/v1/policy").then().extract().path("version");
        rewrite("exemptions.drl", "@clause(\"4.1\")", "@clause(\"4.9\")");
        Files.writeString(TempPolicyProfile.rules().resolve("zz-broken.drl"), """
                package clearance.rules;
                import io.clearance.engine.facts.*;
                rule "Broken"
                    @clause("2.2") @description("does not compile")
                when
                    $s : Subject(noSuchField == 1)
                then
                end
                """);

        given().post("/v1/policy/reload")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("rule-set-rejected"))
                .body("detail", containsString("still serving " + serving))
                .body("errors.size()", equalTo(2))
                .body("errors[0].file", equalTo("exemptions.drl"))
                .body("errors[0].line", equalTo(5))
                .body("errors[0].message", containsString("cites clause `4.9`"))
                .body("errors[1].file", equalTo("zz-broken.drl"))
                .body("errors[1].line", equalTo(6))
                .body("errors[1].column", greaterThanOrEqualTo(1))
                .body("errors[1].message", containsString("noSuchField"));

        assertEquals(serving, decide("half-" + run).path("policyVersion"));
        given().get("/v1/policy")
                .then()
                .body("version", equalTo(serving))
                .body("status", equalTo("degraded"))
                .body("lastAttempt.outcome", equalTo("REJECTED"))
                .body("history.outcome", hasItem("REJECTED"));
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'policy' }.data.status", equalTo("degraded"));
    }

    @Test
    void aValidatedCandidateDoesNotServe() throws IOException {
        String serving = given().get("/v1/policy").then().extract().path("version");
        Map<String, String> candidate = candidate(AT_LEAST_FIFTY, ".atLeast(\"50\")");

        given().contentType(ContentType.JSON)
                .body(Map.of("files", candidate))
                .post("/v1/policy/validate")
                .then()
                .statusCode(200)
                .body("valid", is(true))
                .body("version", not(equalTo(serving)));
        candidate.put("ownership.drl", candidate.get("ownership.drl").replace("exceeded == true)", "exceeded == true"));
        given().contentType(ContentType.JSON)
                .body(Map.of("files", candidate))
                .post("/v1/policy/validate")
                .then()
                .statusCode(422)
                .body("code", equalTo("rule-set-rejected"))
                .body("errors[0].file", equalTo("ownership.drl"));

        given().get("/v1/policy").then().body("version", equalTo(serving));
    }

    @Test
    void theScenarioRunnerRunsOverHttp() throws IOException {
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/v1/policy/test")
                .then()
                .statusCode(200)
                .body("failed", equalTo(0))
                .body("passed", greaterThanOrEqualTo(30))
                .body("uncoveredRules.size()", equalTo(0));
        // A candidate that moves the threshold breaks the exactly-50% scenarios, and the runner says which.
        given().contentType(ContentType.JSON)
                .body(Map.of("files", candidate(AT_LEAST_FIFTY, ".atLeast(\"50\")")))
                .post("/v1/policy/test")
                .then()
                .statusCode(200)
                .body("failed", greaterThanOrEqualTo(1))
                .body("failures.file", hasItem("ownership-aggregation.yaml"));
    }

    @Test
    void impactListsTheDecisionsACandidateChanges() throws IOException {
        var impact = given().contentType(ContentType.JSON)
                .body(Map.of("files", candidate(AT_LEAST_FIFTY, ".atLeast(\"50\")")))
                .post("/v1/policy/impact?limit=100000")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, Object>> changes = impact.getList("changes");
        assertTrue(
                changes.stream()
                        .anyMatch(c -> c.get("partyId").equals("half-" + run)
                                && c.get("action").equals("api.access")
                                && c.get("before").equals("PERMIT")
                                && c.get("after").equals("DENY")),
                String.valueOf(changes));
        assertTrue(
                changes.stream().noneMatch(c -> c.get("action").equals("publication.read")), "publications stay open");
        assertTrue(impact.getLong("changed") >= 2, "api.access and commercial.partnership both change");
    }

    @Test
    void anEmptyCandidateIsToldItIsEmptyNotThatFilesIsMissing() {
        given().contentType(ContentType.JSON)
                .body(Map.of("files", Map.of()))
                .post("/v1/policy/validate")
                .then()
                .statusCode(400)
                .body("code", equalTo("missing-files"))
                .body("detail", containsString("`files` is empty"));
        given().contentType(ContentType.JSON)
                .body(Map.of())
                .post("/v1/policy/validate")
                .then()
                .statusCode(400)
                .body("code", equalTo("missing-files"))
                .body("detail", containsString("the body needs `files`"));
    }

    @Test
    void aShadowRecordsDisagreementsAndIsPromotedAtomically() throws IOException {
        given().get("/v1/policy/shadow")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("no-shadow"));
        String serving = given().get("/v1/policy").then().extract().path("version");
        String candidateVersion = given().contentType(ContentType.JSON)
                .body(Map.of("files", candidate(AT_LEAST_FIFTY, ".atLeast(\"50\")")))
                .put("/v1/policy/shadow")
                .then()
                .statusCode(201)
                .extract()
                .path("version");

        assertEquals("PERMIT", decide("half-" + run).path("decision"), "the shadow never changes the live answer");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> given().get("/v1/policy/shadow/diffs")
                        .then()
                        .statusCode(200)
                        .body("shadowVersion", equalTo(candidateVersion))
                        .body("disagreed", greaterThanOrEqualTo(1))
                        .body("diffs.subject", hasItem("half-" + run)));
        // The status counts what the diffs list shows; comparisons are asynchronous, so it is read after them.
        long differences = ((Number) given().get("/v1/policy/shadow/diffs").path("disagreed")).longValue();
        var status = given().get("/v1/policy/shadow")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(candidateVersion, status.getString("version"));
        assertEquals(serving, status.getString("shadowing"));
        assertTrue(!java.time.Instant.parse(status.getString("since")).isAfter(java.time.Instant.now()));
        assertTrue(status.getLong("compared") >= 1, status.prettify());
        assertTrue(status.getLong("differences") >= differences, status.prettify());
        assertTrue(status.getInt("ruleCount") >= 1, status.prettify());

        given().post("/v1/policy/shadow/promote")
                .then()
                .statusCode(422)
                .body("code", equalTo("rule-set-failed-tests"))
                .body("errors.kind", hasItem("failed-scenario"));
        given().queryParam("force", true)
                .queryParam("reason", "stricter threshold ordered")
                .post("/v1/policy/shadow/promote")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("ACTIVATED"));
        var promoted = decide("half-" + run);
        assertEquals(candidateVersion, promoted.path("policyVersion"));
        assertEquals("DENY", promoted.path("decision"));
        given().get("/v1/policy/shadow/diffs").then().statusCode(404).body("code", equalTo("no-shadow"));
        given().get("/v1/policy/shadow").then().statusCode(404).body("code", equalTo("no-shadow"));
    }

    @Test
    void theWatcherPicksUpAnEditWithoutAReloadCall() throws IOException {
        String serving = given().get("/v1/policy").then().extract().path("version");
        // An edit that keeps every scenario passing goes through the release gate.
        rewrite("exemptions.drl", "stay readable by everyone", "remain readable by everyone");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !serving.equals(
                        given().get("/v1/policy").then().extract().path("version")));
        given().get("/v1/policy")
                .then()
                .body("loadedBy", equalTo("WATCHER"))
                .body("release.how", equalTo("WATCHER"))
                .body("release.actor", equalTo("system"));
    }

    // ---- helpers ----

    private static Map<String, String> candidate(String find, String replace) throws IOException {
        Map<String, String> files = new java.util.TreeMap<>();
        try (var list = Files.list(Path.of("rules"))) {
            for (Path file : list.toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        files.put("ownership.drl", files.get("ownership.drl").replace(find, replace));
        return files;
    }

    private static void rewrite(String file, String find, String replace) throws IOException {
        Path path = TempPolicyProfile.rules().resolve(file);
        String content = Files.readString(path);
        assertTrue(content.contains(find), file + " no longer contains " + find);
        Files.writeString(path, content.replace(find, replace));
    }

    private static io.restassured.response.ExtractableResponse<?> decide(String subject) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("subject", Map.of("partyId", subject), "action", "api.access"))
                .post("/v1/decisions")
                .then()
                .statusCode(200)
                .extract();
    }

    private static void party(String id, String name, String kind, String country) {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "kind", kind, "country", country))
                .put("/v1/parties/" + id)
                .then()
                .statusCode(201);
    }

    private static void stake(String owned, String owner, int percent) {
        given().contentType(ContentType.JSON)
                .body(Map.of("percent", percent))
                .put("/v1/parties/" + owned + "/owners/" + owner)
                .then()
                .statusCode(201);
    }
}
