package io.clearance.api;

import static io.clearance.api.ApiTestSupport.OWNERSHIP_RULE;
import static io.clearance.api.ApiTestSupport.decide;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.clearance.ownership.evidence.EvidenceLimits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 11.5 over HTTP: the party at the bottom of a 100,000-company chain of majority stakes from a CN seed
 * is denied, with evidence cut at the configured depth and saying how much it left out; the decision is in
 * the audit log and its page draws the picture. Before, such decisions answered 500 from depth 499 (JSON
 * nesting while writing the evidence) and overflowed the stack from about 1,000, logged by nobody.
 */
@QuarkusTest
@TestProfile(DeepChainDecisionTest.DeepChain.class)
class DeepChainDecisionTest {

    /** The application on a registry holding only the deep chain. */
    public static class DeepChain implements QuarkusTestProfile {
        // The chain is imported into an H2 file of its own in both CI passes (also the PostgreSQL one): the
        // profile builds the application for H2 whatever the pass.
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.db-kind", "h2",
                    "quarkus.datasource.username", "sa",
                    "quarkus.datasource.password", "");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DeepChainRegistry.class));
        }
    }

    private static final int HOPS = DeepChainRegistry.HOPS;
    private static final int DEPTH = EvidenceLimits.DEFAULT.maxDepth();
    private static final int PATH_PARTIES = EvidenceLimits.DEFAULT.maxPathHops() + 1;

    @Test
    void theBottomOfAHundredThousandHopsIsDeniedWithCutEvidenceLoggedAndDrawn() {
        StringBuilder deepest = new StringBuilder("reasons[0].evidence");
        for (int level = 1; level <= DEPTH; level++) {
            deepest.append(".restrictedOwners[0]");
        }
        String id = decide(DeepChainRegistry.BOTTOM)
                .body("decision", equalTo("DENY"))
                .body("reasons[0].rule", equalTo(OWNERSHIP_RULE))
                .body("reasons[0].evidence.exceeded", equalTo(true))
                .body("reasons[0].evidence.truncated", equalTo(true))
                .body("reasons[0].evidence.ownersLeftOut", equalTo(HOPS - DEPTH))
                .body(deepest + ".partyId", equalTo("deep-" + (HOPS - DEPTH)))
                .body(deepest + ".truncated", equalTo(true))
                .body(deepest + ".ownersLeftOut", equalTo(HOPS - DEPTH))
                .body("reasons[0].evidence.paths[0].parties", hasSize(PATH_PARTIES))
                .body("reasons[0].evidence.paths[0].parties[0].partyId", equalTo(DeepChainRegistry.SEED))
                .body("reasons[0].evidence.paths[0].hopsLeftOut", equalTo(HOPS + 1 - PATH_PARTIES))
                .extract()
                .path("decisionId");

        given().get("/v1/audit/decisions/{id}", id)
                .then()
                .statusCode(200)
                .body("decision", equalTo("DENY"))
                .body("subject", equalTo(DeepChainRegistry.BOTTOM))
                // Read back from the log whole: the cut evidence stays inside the reader's nesting limit.
                .body("rules", contains(OWNERSHIP_RULE))
                .body("answer.reasons[0].evidence.truncated", equalTo(true));

        given().get("/audit/decisions/{id}", id)
                .then()
                .statusCode(200)
                .body(containsString("<svg"))
                .body(containsString("proof cut: " + (HOPS - DEPTH) + " owners above"))
                .body(containsString((HOPS + 1 - PATH_PARTIES) + " parties left out"));
    }
}
