package io.clearance.security;

import static io.clearance.security.SecurityTestSupport.as;
import static io.clearance.security.SecurityTestSupport.createKey;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every change names its actor in {@code GET /v1/audit/changes}, with the state before and after, and every
 * decision names its caller: the attacks (a party moved to another country, a promotion) are now
 * attributed.
 */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class AttributionTest {

    @Test
    void registryChangesNameTheKeyOrTheTokenThatMadeThem() {
        Map<String, Object> registrar = createKey("registrar-attribution", List.of(Roles.REGISTRAR));
        String auditor = (String)
                createKey("auditor-attribution", List.of(Roles.AUDITOR)).get("key");
        String id = "dragon-" + UUID.randomUUID().toString().substring(0, 8);

        as((String) registrar.get("key"))
                .body(Map.of("name", "Dragon", "kind", "COMPANY", "country", "CN"))
                .when()
                .put("/v1/parties/{id}", id)
                .then()
                .statusCode(201);
        as(TestJwt.token("erin@example.test", Set.of(Roles.REGISTRAR)))
                .body(Map.of("name", "Dragon", "kind", "COMPANY", "country", "SG"))
                .when()
                .put("/v1/parties/{id}", id)
                .then()
                .statusCode(200);

        as(auditor)
                .queryParam("target", "party:" + id)
                .when()
                .get("/v1/audit/changes")
                .then()
                .statusCode(200)
                .body("changes.actor", equalTo(List.of("jwt:erin@example.test", "key:" + registrar.get("id"))))
                .body("changes.action", equalTo(List.of("party.put", "party.put")))
                .body("changes[0].before.country", equalTo("CN"))
                .body("changes[0].after.country", equalTo("SG"))
                .body("changes[1].before", nullValue())
                .body(
                        "changes[0].prevHash",
                        equalTo(as(auditor)
                                .queryParam("target", "party:" + id)
                                .get("/v1/audit/changes")
                                .path("changes[1].hash")));
        as(auditor)
                .queryParam("actor", "key:" + registrar.get("id"))
                .queryParam("limit", 1)
                .when()
                .get("/v1/audit/changes")
                .then()
                .body("changes.size()", equalTo(1))
                .body("nextCursor", nullValue());
    }

    @Test
    void policyChangesNameTheirAuthor() {
        Map<String, Object> author = createKey("author-attribution", List.of(Roles.AUTHOR));
        String auditor =
                (String) createKey("auditor-policy", List.of(Roles.AUDITOR)).get("key");
        as((String) author.get("key")).when().post("/v1/policy/reload").then().statusCode(200);
        as(auditor)
                .queryParam("action", "policy.")
                .queryParam("actor", "key:" + author.get("id"))
                .when()
                .get("/v1/audit/changes")
                .then()
                .statusCode(200)
                .body("changes.action", hasItem("policy.reload"))
                .body("changes[0].before.version", notNullValue())
                .body("changes[0].after.outcome", notNullValue());
        as(auditor).when().get("/v1/audit/changes/verify").then().body("intact", equalTo(true));
    }

    @Test
    void aDecisionNamesTheKeyThatAskedForIt() {
        Map<String, Object> gateway = createKey("gateway-attribution", List.of(Roles.GATEWAY));
        String auditor =
                (String) createKey("auditor-decisions", List.of(Roles.AUDITOR)).get("key");
        String decisionId = as((String) gateway.get("key"))
                .body(Map.of("subject", Map.of("partyId", "nobody-" + UUID.randomUUID()), "action", "api.access"))
                .when()
                .post("/v1/decisions")
                .then()
                .statusCode(422)
                .extract()
                .header("Clearance-Decision-Id");
        as(auditor)
                .when()
                .get("/v1/audit/decisions/{id}", decisionId)
                .then()
                .statusCode(200)
                .body("request.caller", equalTo("key:" + gateway.get("id")));
        as(auditor).when().get("/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }
}
