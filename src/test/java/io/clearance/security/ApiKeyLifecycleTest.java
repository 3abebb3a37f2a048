package io.clearance.security;

import static io.clearance.security.SecurityTestSupport.PROBLEM_JSON;
import static io.clearance.security.SecurityTestSupport.as;
import static io.clearance.security.SecurityTestSupport.asAdmin;
import static io.clearance.security.SecurityTestSupport.createKey;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An API key's life: created once with its key shown, listed without secrets, used, revoked, refused. */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class ApiKeyLifecycleTest {

    @Test
    void aKeyIsShownOnceListedWithoutSecretsAndRefusedFromTheRequestAfterItsRevocation() {
        Map<String, Object> created = createKey("auditor-alice", List.of("auditor"));
        String id = (String) created.get("id");
        String key = (String) created.get("key");
        assertTrue(key.startsWith("clr_" + id + "_"), key);
        assertEquals(List.of("auditor"), created.get("roles"));

        as(key).when().get("/v1/audit/decisions").then().statusCode(200);
        as(key).when().get("/v1/parties/anyone").then().statusCode(403).contentType(PROBLEM_JSON);

        String listing = asAdmin()
                .when()
                .get("/v1/admin/api-keys")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(listing.contains(id));
        assertFalse(listing.contains(key.substring(key.lastIndexOf('_') + 1)), "the list shows no secret");
        assertFalse(listing.contains("secretHash") || listing.contains("\"key\""), listing);

        asAdmin().when().delete("/v1/admin/api-keys/{id}", id).then().statusCode(204);

        as(key).when()
                .get("/v1/audit/decisions")
                .then()
                .statusCode(401)
                .contentType(PROBLEM_JSON)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("code", equalTo("invalid-credentials"));
        asAdmin()
                .when()
                .get("/v1/admin/api-keys")
                .then()
                .body("keys.find { it.id == '" + id + "' }.status", equalTo("revoked"))
                .body("keys.find { it.id == '" + id + "' }.revokedBy", equalTo("key:env"));
    }

    @Test
    void keyChangesAreInTheChangeLogWithTheirActorAndNoSecret() {
        Map<String, Object> created = createKey("registrar-bob", List.of("registrar"));
        String id = (String) created.get("id");
        asAdmin().when().delete("/v1/admin/api-keys/{id}", id).then().statusCode(204);

        String auditor =
                (String) createKey("auditor-for-changes", List.of("auditor")).get("key");
        as(auditor)
                .queryParam("target", "api-key:" + id)
                .when()
                .get("/v1/audit/changes")
                .then()
                .statusCode(200)
                .body("changes.action", equalTo(List.of("api-key.revoke", "api-key.create")))
                .body("changes.actor", equalTo(List.of("key:env", "key:env")))
                .body("changes[1].before", nullValue())
                .body("changes[1].after.roles", equalTo(List.of("registrar")))
                .body("changes[0].after.status", equalTo("revoked"))
                .body(not(containsString((String) created.get("key"))));
        as(auditor)
                .when()
                .get("/v1/audit/changes/verify")
                .then()
                .statusCode(200)
                .body("intact", equalTo(true));
    }

    @Test
    void badKeyRequestsAreProblems() {
        asAdmin()
                .body(Map.of("name", "x", "roles", List.of("root")))
                .when()
                .post("/v1/admin/api-keys")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid-roles"));
        asAdmin()
                .body(Map.of("name", "evil\u202Egnp.exe", "roles", List.of("auditor")))
                .when()
                .post("/v1/admin/api-keys")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid-characters"));
        asAdmin()
                .body(Map.of("name", "past", "roles", List.of("auditor"), "expiresAt", "2020-01-01T00:00:00Z"))
                .when()
                .post("/v1/admin/api-keys")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid-expires-at"));
        asAdmin()
                .when()
                .delete("/v1/admin/api-keys/{id}", "0000000000000000")
                .then()
                .statusCode(404)
                .body("code", equalTo("unknown-api-key"));
        asAdmin().when().delete("/v1/admin/api-keys/env").then().statusCode(409);
    }

    @Test
    void aKeyThatIsNotOnlyAnAdminCannotManageKeys() {
        String author = (String) createKey("author-carol", List.of("author")).get("key");
        as(author)
                .body(Map.of("name", "escalate", "roles", List.of("admin")))
                .when()
                .post("/v1/admin/api-keys")
                .then()
                .statusCode(403)
                .body("code", equalTo("role-required"));
        asAdmin().when().get("/v1/admin/api-keys").then().body("keys.name", not(hasItem("escalate")));
    }
}
