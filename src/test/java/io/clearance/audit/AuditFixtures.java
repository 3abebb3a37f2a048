package io.clearance.audit;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.UUID;

/** Builds, over HTTP, a small group of parties with ids no other test uses (test classes share one database). */
final class AuditFixtures {

    private AuditFixtures() {}

    /** A CN seed owning 60% of an SG holding that owns 60% of a DE company, plus a small RU stake. */
    record Group(String seed, String holding, String company, String minor) {}

    static Group restrictedGroup() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Group group = new Group("seed-" + suffix, "holding-" + suffix, "company-" + suffix, "minor-" + suffix);
        party(group.seed(), "Red Lantern Holdings " + suffix, "CN");
        party(group.holding(), "Harbour Gate Holdings " + suffix, "SG");
        party(group.company(), "Linden Analytics " + suffix, "DE");
        party(group.minor(), "Volga Minor " + suffix, "RU");
        stake(group.holding(), group.seed(), "60");
        stake(group.company(), group.holding(), "60");
        stake(group.company(), group.minor(), "5");
        return group;
    }

    static void party(String id, String name, String country) {
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"kind\":\"COMPANY\",\"country\":\"" + country + "\"}")
                .put("/v1/parties/{id}", id)
                .then()
                .statusCode(201);
    }

    static void stake(String owned, String owner, String percent) {
        given().contentType(ContentType.JSON)
                .body("{\"percent\":" + percent + "}")
                .put("/v1/parties/{id}/owners/{owner}", owned, owner)
                .then()
                .statusCode(201);
    }

    /** The holding's stake in the company drops from 60% to 40%. */
    static void given40(Group group) {
        given().contentType(ContentType.JSON)
                .body("{\"percent\":40}")
                .put("/v1/parties/{id}/owners/{owner}", group.company(), group.holding())
                .then()
                .statusCode(200);
    }

    static Response decide(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/decisions");
    }

    static String decideId(String subject, String action) {
        return decide("{\"subject\":{\"partyId\":\"" + subject + "\"},\"action\":\"" + action + "\"}")
                .then()
                .statusCode(200)
                .extract()
                .path("decisionId");
    }
}
