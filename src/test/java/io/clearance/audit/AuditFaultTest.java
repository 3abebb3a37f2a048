package io.clearance.audit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The journal's faults seen over HTTP: a full disk answers 503 {@code audit-unavailable} and takes the
 * instance out of readiness until it writes again; a database that goes away does not stop decisions, shows
 * as a warning, and every decision answered meanwhile reaches it when it returns.
 */
@QuarkusTest
@TestProfile(AuditFaultTest.FaultyDisk.class)
class AuditFaultTest {

    /** The journal on a disk the test can fill. */
    public static class FaultyDisk implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(FaultySegmentFileSource.class);
        }
    }

    @Inject
    DataSource dataSource;

    @AfterEach
    void emptyTheDisk() {
        FaultySegmentFileSource.full = false;
    }

    @Test
    void aFullDiskRefusesDecisionsAndReadinessUntilTheJournalWritesAgain() {
        AuditFixtures.Group group = AuditFixtures.restrictedGroup();
        List<String> answered = new ArrayList<>();
        answered.add(AuditFixtures.decideId(group.company(), "api.access"));
        given().get("/q/health/ready").then().statusCode(200);

        FaultySegmentFileSource.full = true;
        AuditFixtures.decide("{\"subject\":{\"partyId\":\"" + group.company() + "\"},\"action\":\"api.access\"}")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body("code", equalTo("audit-unavailable"));
        // A request refused before the rules ran is an answer too: it is refused the same way, not answered unlogged.
        AuditFixtures.decide("{\"subject\": ").then().statusCode(503).body("code", equalTo("audit-unavailable"));
        JsonPath health =
                given().get("/q/health/ready").then().statusCode(503).extract().jsonPath();
        org.junit.jupiter.api.Assertions.assertEquals("DOWN", audit(health).getString("status"));

        FaultySegmentFileSource.full = false;
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        answered.add(AuditFixtures.decideId(group.company(), "publication.read"));
        given().queryParam("partyId", group.company())
                .get("/v1/audit/decisions")
                .then()
                .body("decisions.decisionId", hasItems(answered.toArray()));
        given().get("/v1/audit/verify").then().body("intact", equalTo(true));
    }

    @Test
    void aDatabaseOutageDoesNotStopDecisionsAndTheBacklogDrainsWhenItReturns() throws Exception {
        AuditFixtures.Group group = AuditFixtures.restrictedGroup();
        List<String> answered = new ArrayList<>();
        sql("alter table audit_chain_record rename to audit_chain_record_away");
        try {
            for (String action : List.of("api.access", "publication.read", "commercial.partnership")) {
                String id = AuditFixtures.decideId(group.company(), action);
                answered.add(id);
                given().get("/v1/audit/decisions/{id}", id)
                        .then()
                        .statusCode(200)
                        .body("decisionId", equalTo(id));
            }
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> "degraded"
                            .equals(audit(given().get("/q/health/ready")
                                            .then()
                                            .statusCode(200)
                                            .extract()
                                            .jsonPath())
                                    .getString("data.status")));
        } finally {
            sql("alter table audit_chain_record_away rename to audit_chain_record");
        }
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> "serving"
                        .equals(audit(given().get("/q/health/ready").jsonPath()).getString("data.status")));
        given().queryParam("partyId", group.company())
                .get("/v1/audit/decisions")
                .then()
                .body("decisions.decisionId", hasItems(answered.toArray()));
        given().get("/v1/audit/verify").then().body("intact", equalTo(true)).body("unshipped", equalTo(0));
    }

    private static JsonPath audit(JsonPath health) {
        List<java.util.Map<String, Object>> checks = health.getList("checks");
        for (int i = 0; i < checks.size(); i++) {
            if ("audit".equals(checks.get(i).get("name"))) {
                return new JsonPath(health.prettify()).setRootPath("checks[" + i + "]");
            }
        }
        throw new AssertionError("no audit check in " + health.prettify());
    }

    private void sql(String statement) throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
