package io.clearance.audit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: the database stopped and started again under load, as an operator does it ({@code pg_ctl stop},
 * {@code pg_ctl start}), on a PostgreSQL cluster of the test's own. Decisions go on while it is away (into the
 * journal), registry writes are refused with a problem, health says degraded, and when it returns every
 * decision answered meanwhile is in the log and the chain verifies. Runs in both CI passes: the profile builds
 * the application for PostgreSQL whatever the pass.
 */
@QuarkusTest
@TestProfile(PostgresOutageTest.OnPrivateCluster.class)
class PostgresOutageTest {

    /** The application on PostgreSQL, on a cluster the test can stop. */
    public static class OnPrivateCluster implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.db-kind", "postgresql");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PrivatePostgres.class));
        }
    }

    /** Bounds the load: the test is over in seconds whatever happens. */
    private static final int MAX_REQUESTS = 3_000;

    @Test
    void decisionsGoOnWhileTheDatabaseIsStoppedAndEveryOneIsLoggedWhenItReturns() throws Exception {
        AuditFixtures.Group group = AuditFixtures.restrictedGroup();
        String body = "{\"subject\":{\"partyId\":\"" + group.company() + "\"},\"action\":\"api.access\"}";
        assertEquals(
                "DENY",
                AuditFixtures.decide(body).then().statusCode(200).extract().path("decision"));

        ConcurrentLinkedQueue<String> answered = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(2);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            clients.add(load.submit(() -> {
                for (int i = 0; i < MAX_REQUESTS / 2 && running.get(); i++) {
                    Response response = AuditFixtures.decide(body);
                    if (response.statusCode() == 200) {
                        answered.add(response.path("decisionId"));
                        if (!"DENY".equals(response.path("decision"))) {
                            wrong.add("answered " + response.path("decision") + " for a restricted company");
                        }
                    } else if (response.statusCode() != 503
                            || !"application/problem+json".equals(response.contentType())) {
                        wrong.add(response.statusCode() + " " + response.contentType() + ": " + response.asString());
                    }
                }
            }));
        }
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> answered.size() >= 20);
            PrivatePostgres.stopCluster();
            int beforeOutage = answered.size();

            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> "degraded".equals(auditStatus()));
            await().atMost(Duration.ofSeconds(30)).until(() -> answered.size() >= beforeOutage + 20);
            // A registry write needs the database: refused with a problem, nothing half-done.
            Response write = given().contentType(ContentType.JSON)
                    .body("{\"name\":\"Written During Outage\",\"kind\":\"COMPANY\",\"country\":\"SG\"}")
                    .put("/v1/parties/{id}", "outage-" + group.company());
            assertTrue(
                    write.statusCode() >= 400 && write.statusCode() < 600 && write.statusCode() != 500,
                    "a write during the outage answered " + write.statusCode() + ": " + write.asString());
            assertEquals("application/problem+json", write.contentType(), write.asString());

            PrivatePostgres.startCluster();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> "serving".equals(auditStatus()));
        } finally {
            running.set(false);
            for (Future<?> client : clients) {
                client.get();
            }
            load.shutdown();
        }

        assertTrue(wrong.isEmpty(), "answers that should not have been: " + wrong);
        assertFalse(answered.isEmpty());
        given().get("/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
        Set<String> logged = loggedIds(group.company());
        List<String> missing =
                answered.stream().filter(id -> !logged.contains(id)).toList();
        assertEquals(List.of(), missing, answered.size() + " answered, " + missing.size() + " not in the log");
        // The registry takes writes again once the database is back.
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"Written After Outage\",\"kind\":\"COMPANY\",\"country\":\"SG\"}")
                .put("/v1/parties/{id}", "after-" + group.company())
                .then()
                .statusCode(201);
    }

    private static Set<String> loggedIds(String partyId) {
        Set<String> ids = new java.util.HashSet<>();
        String cursor = null;
        do {
            var request = given().queryParam("partyId", partyId).queryParam("limit", 500);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/v1/audit/decisions")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            ids.addAll(page.getList("decisions.decisionId", String.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return ids;
    }

    private static String auditStatus() {
        JsonPath health = given().get("/q/health/ready").jsonPath();
        List<Map<String, Object>> checks = health.getList("checks");
        for (Map<String, Object> check : checks) {
            if ("audit".equals(check.get("name"))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> data = (Map<String, Object>) check.get("data");
                return data == null ? null : (String) data.get("status");
            }
        }
        return null;
    }
}
