package io.clearance.release;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.engine.PolicyEngine;
import io.clearance.engine.RuleSetCompiler;
import io.clearance.engine.RuleSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, policy across instances: another instance's activation reaches this one through the database
 * alone. The other instance is a second writer into the shared tables with plain SQL (its own rows, none of
 * this instance's beans or caches), as another process on the same database writes them: the rule set stored,
 * then the release recorded. This instance follows it by polling ({@link ReleaseFollower}) and
 * {@code GET /v1/policy} answers the new version; a decision is then made under it.
 */
@QuarkusTest
class ReleaseFromAnotherWriterTest {

    @Inject
    PolicyEngine engine;

    @Inject
    DataSource dataSource;

    @Test
    void anActivationWrittenByAnotherInstanceIsServedHereAndShownByPolicy() throws Exception {
        String original = engine.active().version();
        List<RuleSource> edited = new ArrayList<>(engine.diskSources());
        RuleSource first = edited.get(0);
        edited.set(
                0, new RuleSource(first.name(), first.content() + "\n// activated on instance b " + System.nanoTime()));
        String version = RuleSetCompiler.version(edited, engine.policyDocument());
        assertNotEquals(original, version);

        activateElsewhere(version, edited, original);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> version.equals(
                        given().get("/v1/policy").then().extract().path("version")));
        given().get("/v1/policy").then().statusCode(200).body("version", equalTo(version));
        String party = "followed-" + System.nanoTime();
        given().contentType("application/json")
                .body("{\"name\":\"Followed Ltd\",\"kind\":\"COMPANY\",\"country\":\"SG\"}")
                .put("/v1/parties/{id}", party)
                .then()
                .statusCode(201);
        given().contentType("application/json")
                .body("{\"subject\":{\"partyId\":\"" + party + "\"},\"action\":\"api.access\"}")
                .post("/v1/decisions")
                .then()
                .statusCode(200)
                .body("policyVersion", equalTo(version));

        // Back, as a rollback on the other instance writes it: the rest of the suite runs on the bundled rules.
        activateElsewhere(original, engine.diskSources(), version);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> original.equals(
                        given().get("/v1/policy").then().extract().path("version")));
    }

    /** What another instance writes when it activates a version: the version's files (once), then the release. */
    private void activateElsewhere(String version, List<RuleSource> sources, String previous) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        sources.forEach(s -> files.put(s.name(), s.content()));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement exists = c.prepareStatement("select 1 from rule_set_version where version = ?")) {
                exists.setString(1, version);
                if (!exists.executeQuery().next()) {
                    try (PreparedStatement s = c.prepareStatement("insert into rule_set_version (version,"
                            + " first_served_at, sources_json, policy_name, policy_content) values (?, ?, ?, ?, ?)")) {
                        s.setString(1, version);
                        s.setObject(2, now);
                        s.setString(3, new ObjectMapper().writeValueAsString(files));
                        s.setString(4, engine.policyDocument().name());
                        s.setString(5, engine.policyDocument().content());
                        s.executeUpdate();
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("insert into policy_activation (version, activated_at, actor,"
                    + " how, message, forced, previous_version) values (?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, version);
                s.setObject(2, now);
                s.setString(3, "key:admin-on-instance-b");
                s.setString(4, "ACTIVATE");
                s.setString(5, "activated on instance b");
                s.setBoolean(6, false);
                s.setString(7, previous);
                s.executeUpdate();
            }
        }
    }
}
