package io.clearance.api;

import static io.clearance.api.ApiTestSupport.api;
import static io.clearance.api.ApiTestSupport.decide;
import static io.clearance.api.ApiTestSupport.decimal;
import static io.clearance.api.ApiTestSupport.getParty;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo registry a newcomer meets on the first start ({@code demo/registry.yaml}): it is loaded, the two
 * decisions the README shows come out as it promises (the Spree Analytics chain is denied at 60% through
 * each hop, Harbor AI is permitted at exactly 50%), and the application reports itself healthy.
 *
 * <p>The assertions only read demo parties, so they hold whatever else the database holds: the suite also
 * runs against a shared PostgreSQL, where this profile must not replace the configured database.
 */
@QuarkusTest
@TestProfile(DemoRegistryTest.Demo.class)
class DemoRegistryTest {

    /** Loads the demo registry, into a database of its own unless the run names one. */
    public static class Demo implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>();
            overrides.put("clearance.demo-registry.enabled", "true");
            if (System.getProperty("clearance.db.url") == null && System.getenv("CLEARANCE_DB_URL") == null) {
                // A database of its own: the demo is only loaded into an empty registry.
                overrides.put("quarkus.datasource.jdbc.url", "jdbc:h2:mem:demo;DB_CLOSE_DELAY=-1");
            }
            return overrides;
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "dragon-holdings",
                "lion-city-holdings",
                "spree-analytics",
                "volga-ventures",
                "harbor-ai",
                "cloudbridge-resellers",
                "pacific-state-university",
                "mei-chen",
                "fjall-robotics"
            })
    void everyDemoPartyIsLoaded(String id) {
        getParty(id).statusCode(200).body("id", equalTo(id));
    }

    @Test
    void theDemoStakesAreLoaded() {
        api().when()
                .get("/v1/parties/{id}/owners", "spree-analytics")
                .then()
                .statusCode(200)
                .body("ownerId", hasItem("lion-city-holdings"));
        api().when()
                .get("/v1/parties/{id}/owners", "harbor-ai")
                .then()
                .statusCode(200)
                .body("ownerId", containsInAnyOrder("dragon-holdings", "volga-ventures"));
    }

    @Test
    void theDemoShowsABandControlAndADatedStake() {
        api().when()
                .get("/v1/parties/{id}/owners", "fjall-robotics")
                .then()
                .statusCode(200)
                .body("ownerId", contains("harbor-ai", "pacific-state-university", "cloudbridge-resellers"))
                .body("[0].percent.atLeast", decimal("10"))
                .body("[0].percent.max", decimal("25"))
                .body("[1].percent", decimal("5"))
                .body("[1].validFrom", equalTo("2024-01-01T00:00:00Z"))
                .body("[1].validTo", equalTo("2027-01-01T00:00:00Z"))
                .body("[2].control", contains("consolidation"));
    }

    @Test
    void spreeAnalyticsIsDeniedThroughItsChineseGrandparent() {
        decide("spree-analytics")
                .body("decision", equalTo("DENY"))
                .body(
                        "reasons[0].rule",
                        equalTo(
                                "Organisations more than 50% owned by restricted parties are denied restricted actions"))
                .body("reasons[0].clause", equalTo("3.3"))
                .body("reasons[0].evidence.restrictedShare", decimal("60"))
                .body(
                        "reasons[0].evidence.paths[0].parties.partyId",
                        contains("dragon-holdings", "lion-city-holdings", "spree-analytics"))
                .body("reasons[0].evidence.paths[0].parties[1].percent", decimal("60"))
                .body("reasons[0].evidence.paths[0].parties[2].percent", decimal("60"));
    }

    @Test
    void harborAiIsPermittedAtExactly50PercentWithEnhancedDueDiligenceAdvised() {
        // 30% CN + 20% RU is not more than 50% (clause 3.3): permitted, as published; 50% through
        // look-through is advice beside the permission (3.4).
        decide("harbor-ai")
                .body("decision", equalTo("PERMIT"))
                .body("reasons[0].clause", equalTo("6.1"))
                .body(
                        "advice[0].rule",
                        equalTo(
                                "Organisations held 25% or more through look-through by restricted parties are advised for enhanced due diligence"))
                .body("advice[0].clause", equalTo("3.4"))
                .body("advice[0].code", equalTo("enhanced-due-diligence"))
                .body("reasons[0].evidence.ownership[0].restrictedShare", decimal("50"))
                .body("reasons[0].evidence.ownership[0].exceeded", equalTo(false));
    }

    @Test
    void theApplicationIsHealthy() {
        api().when().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }
}
