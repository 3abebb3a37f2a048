package io.clearance.gateway;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;

/**
 * A small registry for the gateway tests, built through the API: a CN parent holding 60% of a DE company
 * (restricted by extension, clause 3.3), a clean DE company, a DE company held from CN by a stake between
 * 40% and 60% (the published test cannot be decided: review, clause 3.5), a DE company exactly 50% held
 * from CN (permitted, with the advice `enhanced-due-diligence` of clause 3.4) and a reseller. Ids carry a random suffix: every {@code @QuarkusTest} class of a run
 * shares one database.
 */
public record GatewayFixtures(
        String parent, String restricted, String clean, String review, String reseller, String advised) {

    public static GatewayFixtures create() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        GatewayFixtures f = new GatewayFixtures(
                "gw-parent-" + suffix,
                "gw-restricted-" + suffix,
                "gw-clean-" + suffix,
                "gw-review-" + suffix,
                "gw-reseller-" + suffix,
                "gw-advised-" + suffix);
        party(f.parent, "CN");
        party(f.restricted, "DE");
        party(f.clean, "DE");
        party(f.review, "DE");
        party(f.reseller, "DE");
        party(f.advised, "DE");
        stake(f.restricted, f.parent, 60);
        stake(f.review, f.parent, Map.of("min", 40, "max", 60));
        stake(f.advised, f.parent, 50);
        return f;
    }

    private static void party(String id, String country) {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Party " + id, "kind", "COMPANY", "country", country))
                .put("/v1/parties/{id}", id)
                .then()
                .statusCode(201);
    }

    private static void stake(String owned, String owner, Object percent) {
        given().contentType(ContentType.JSON)
                .body(Map.of("percent", percent))
                .put("/v1/parties/{id}/owners/{owner}", owned, owner)
                .then()
                .statusCode(201);
    }
}
