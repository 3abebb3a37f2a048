package io.clearance.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.audit.AuditLog;
import io.clearance.engine.PolicyEngine;
import io.clearance.engine.RuleFaults;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A rule set is warmed before it shadows or serves by deciding representative requests; those decisions are
 * nobody's: not in the audit log, not in the decision metrics, not in the rules' counts of runs and faults.
 */
@QuarkusTest
@TestProfile(TempPolicyProfile.class)
class WarmUpUnseenTest {

    private static final Pattern DECISIONS = Pattern.compile("(?m)^clearance_decisions_total\\{[^}]*} (\\S+)$");

    @Inject
    PolicyEngine engine;

    @Inject
    RuleFaults faults;

    @Inject
    AuditLog log;

    @AfterEach
    void dropShadow() {
        engine.dropShadow();
    }

    @Test
    void warmUpDecisionsAreNeitherAuditedNorCounted() throws IOException {
        BigDecimal decided = decisionsCounted();
        long settled = faults.settled();
        long failed = faults.total();
        long retried = faults.coldRetries();

        // A new version (a comment more), compiled into a new rule base and warmed as it is installed.
        Map<String, String> files = new TreeMap<>();
        try (var list = Files.list(Path.of("rules"))) {
            for (Path file : list.toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        files.put("scope.drl", files.get("scope.drl") + "\n// reworded\n");
        String version = given().contentType(ContentType.JSON)
                .body(Map.of("files", files))
                .put("/v1/policy/shadow")
                .then()
                .statusCode(201)
                .extract()
                .path("version");

        assertEquals(version, engine.shadow().orElseThrow().version());
        assertFalse(engine.shadow().orElseThrow().claimWarmUp(), "installing the shadow warmed it");
        assertTrue(log.awaitShipped());
        given().queryParam("policyVersion", version)
                .get("/v1/audit/decisions")
                .then()
                .statusCode(200)
                .body("decisions", empty());
        assertEquals(decided, decisionsCounted(), "no decision counted in clearance_decisions_total");
        assertEquals(settled, faults.settled(), "no run of the rules counted");
        assertEquals(failed, faults.total());
        assertEquals(retried, faults.coldRetries());
    }

    private static BigDecimal decisionsCounted() {
        Matcher counts = DECISIONS.matcher(
                given().get("/q/metrics").then().statusCode(200).extract().asString());
        BigDecimal sum = BigDecimal.ZERO;
        while (counts.find()) {
            sum = sum.add(new BigDecimal(counts.group(1)));
        }
        return sum;
    }
}
