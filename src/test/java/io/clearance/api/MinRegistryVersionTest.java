package io.clearance.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.registry.RegistryService;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Read-your-writes across instances: a decision request may name the registry version a write reported
 * ({@code minRegistryVersion}); it is decided on a registry at least that new, or refused with
 * {@code registry-behind} (503) after a short wait. Never a decision on an older registry.
 */
@QuarkusTest
class MinRegistryVersionTest {

    @Inject
    RegistryService registry;

    private String company() {
        String id = "min-version-" + UUID.randomUUID().toString().substring(0, 8);
        registry.putParty(new PartyInfo(id, "Company " + id, PartyKind.COMPANY, "FR", null));
        return id;
    }

    private static String body(String party, String minRegistryVersion) {
        return "{\"subject\": {\"partyId\": \"" + party + "\"}, \"action\": \"api.access\", \"minRegistryVersion\": "
                + minRegistryVersion + "}";
    }

    @Test
    void aVersionReachedIsDecidedAndReportsAVersionAtLeastAsNew() {
        String party = company();
        long written = registry.storedVersion();
        given().contentType("application/json")
                .body(body(party, Long.toString(written)))
                .post("/v1/decisions")
                .then()
                .statusCode(200)
                .body("decision", notNullValue())
                .body("registryVersion", greaterThanOrEqualTo((int) written));
    }

    @Test
    void aWriteTellsItsVersionAndADecisionAskingForItSeesTheWrite() {
        String party = "min-version-put-" + UUID.randomUUID().toString().substring(0, 8);
        String version = given().contentType("application/json")
                .body("{\"name\": \"Put Company\", \"kind\": \"COMPANY\", \"country\": \"FR\"}")
                .put("/v1/parties/" + party)
                .then()
                .statusCode(201)
                .extract()
                .header("Clearance-Registry-Version");
        long written = Long.parseLong(version);
        org.junit.jupiter.api.Assertions.assertEquals(registry.storedVersion(), written);
        given().contentType("application/json")
                .body(body(party, version))
                .post("/v1/decisions")
                .then()
                .statusCode(200)
                .body("registryVersion", greaterThanOrEqualTo((int) written));
    }

    @Test
    void aVersionNotReachedInTimeIsRefusedAsRegistryBehind() {
        String party = company();
        long ahead = registry.storedVersion() + 1_000_000;
        given().contentType("application/json")
                .body(body(party, Long.toString(ahead)))
                .post("/v1/decisions")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Clearance-Decision-Id", notNullValue())
                .body("code", equalTo("registry-behind"));
    }

    @Test
    void aVersionThatIsNoNumberIsRefusedAsInvalid() {
        given().contentType("application/json")
                .body(body(company(), "\"latest\""))
                .post("/v1/decisions")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid-field"));
    }
}
