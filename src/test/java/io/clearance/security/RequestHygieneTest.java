package io.clearance.security;

import static io.clearance.security.SecurityTestSupport.PROBLEM_JSON;
import static io.clearance.security.SecurityTestSupport.as;
import static io.clearance.security.SecurityTestSupport.asAdmin;
import static io.clearance.security.SecurityTestSupport.keyFor;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a browser or a crafted request can try beyond credentials: cross-site form posts, foreign origins,
 * control and bidirectional characters, the pages' headers, internal paths and library internals in answers.
 */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class RequestHygieneTest {

    @TestHTTPResource("/")
    URL root;

    private static final String[] STATE_CHANGING = {
        "/v1/policy/shadow/promote", "/v1/policy/reload", "/v1/audit/decisions/any-id/replay"
    };

    @Test
    void aCrossSiteFormCannotPromoteReloadOrReplayEvenWithTheAdminsKey() {
        for (String path : STATE_CHANGING) {
            given().header("Authorization", "Bearer " + SecuredProfile.ADMIN_KEY)
                    .header("Origin", "https://evil.example")
                    .contentType("application/x-www-form-urlencoded")
                    .formParam("x", "1")
                    .when()
                    .post(path)
                    .then()
                    .statusCode(403)
                    .contentType(PROBLEM_JSON)
                    .body("code", equalTo("cross-origin-refused"));
            // Same check without an Origin (an older browser, a form from a file): the body type alone refuses it.
            given().header("Authorization", "Bearer " + SecuredProfile.ADMIN_KEY)
                    .contentType("text/plain")
                    .body("x=1")
                    .when()
                    .post(path)
                    .then()
                    .statusCode(415)
                    .contentType(PROBLEM_JSON)
                    .body("code", equalTo("unsupported-media-type"));
        }
    }

    @Test
    void theServersOwnOriginAndTheAllowedOnesMayChangeThings() {
        String self = root.getProtocol() + "://" + root.getHost() + ":" + root.getPort();
        asAdmin().header("Origin", self).when().post("/v1/policy/reload").then().statusCode(200);
        asAdmin()
                .header("Origin", "https://console.example.test")
                .when()
                .post("/v1/policy/reload")
                .then()
                .statusCode(200);
        asAdmin()
                .header("Origin", "null")
                .when()
                .post("/v1/policy/reload")
                .then()
                .statusCode(403);
    }

    @Test
    void controlAndBidiCharactersAreRefusedInIdsNamesAndQueries() {
        String registrar = keyFor(Roles.REGISTRAR);
        as(registrar)
                .urlEncodingEnabled(false)
                .when()
                .get("/v1/parties/a%00b")
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("code", equalTo("invalid-characters"));
        as(registrar)
                .urlEncodingEnabled(false)
                .when()
                .get("/v1/parties/spree%E2%80%AEanalytics")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid-characters"));
        asAdmin()
                .urlEncodingEnabled(false)
                .when()
                .get("/v1/audit/decisions?party=x%1B%5B31m")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid-characters"));
        as(registrar)
                .body(Map.of("name", "Spree \u202Eytilibail", "kind", "COMPANY", "country", "DE"))
                .when()
                .put("/v1/parties/bidi-name")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid-characters"));
        as(registrar).when().get("/v1/parties/bidi-name").then().statusCode(404);
    }

    @Test
    void theAuditPagesCarryAStrictPolicyAndNoInlineScriptOrStyle() {
        String auditor = keyFor(Roles.AUDITOR);
        for (String page : new String[] {"/audit", "/audit/policy"}) {
            String html = as(auditor)
                    .when()
                    .get(page)
                    .then()
                    .statusCode(200)
                    .header("Content-Security-Policy", containsString("default-src 'none'"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .header("Cache-Control", equalTo("no-store"))
                    .extract()
                    .asString();
            org.junit.jupiter.api.Assertions.assertFalse(
                    html.contains("<script") || html.contains("<style") || html.contains(" style="), html);
        }
        as(auditor).when().get("/audit/assets/audit.css").then().statusCode(200).contentType(startsWith("text/css"));
        as(auditor).when().get("/v1/audit/decisions").then().header("Cache-Control", equalTo("no-store"));
    }

    @Test
    void answersTellNoInternalPathsAndNoLibraryInternals() {
        as(keyFor(Roles.AUTHOR)).when().get("/v1/policy").then().statusCode(200).body("rulesDir", not(startsWith("/")));
        as(keyFor(Roles.GATEWAY))
                .body("{\"subject\": {\"partyId\": \"x\"}, \"action\": " + "9".repeat(2000) + "}")
                .when()
                .post("/v1/decisions")
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body(not(containsString("Constraints")))
                .body(not(containsString("jackson")));
    }
}
