package io.clearance.api;

import static io.clearance.api.ApiTestSupport.api;
import static io.clearance.api.ImportResourceTest.decision;
import static io.clearance.api.ImportResourceTest.imported;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clearance.registry.identity.Leis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code clearance.import.precedence} as an operator sets it: here BODS ranks above GLEIF (the default ranks GLEIF
 * first, {@link ImportedChainSourcesTest}), so BODS's statement of a stake GLEIF stated replaces it, and GLEIF's
 * restating it afterwards is kept out.
 */
@QuarkusTest
@TestProfile(OperatorImportProfile.class)
class ImportPrecedenceConfigTest {

    private static JsonPath succeeded(String format, String lines) {
        JsonPath job = imported(format, lines.getBytes(StandardCharsets.UTF_8));
        assertEquals("succeeded", job.getString("status"), job::prettify);
        return job;
    }

    @Test
    void theConfiguredOrderDecidesBetweenTwoSources() {
        String parent = Leis.fresh();
        String child = Leis.fresh();
        succeeded(
                "gleif-lei-json",
                "{\"LEI\": \"" + parent + "\", \"Entity\": {\"LegalName\": \"Order Dragon\", \"HeadquartersAddress\":"
                        + " {\"Country\": \"CN\"}}}\n{\"LEI\": \"" + child + "\", \"Entity\": {\"LegalName\":"
                        + " \"Order Rhein\", \"HeadquartersAddress\": {\"Country\": \"DE\"}}}\n");
        String consolidation = "{\"Relationship\": {\"StartNode\": {\"NodeID\": \"" + child + "\"}, \"EndNode\":"
                + " {\"NodeID\": \"" + parent + "\"}, \"RelationshipType\": \"IS_DIRECTLY_CONSOLIDATED_BY\","
                + " \"RelationshipStatus\": \"ACTIVE\"}}\n";
        succeeded("gleif-rr-json", consolidation);
        assertEquals("DENY", decision(child), "consolidated by a Chinese parent, as GLEIF says");

        JsonPath bods = succeeded(
                "bods",
                "{\"statementId\": \"order-1\", \"statementDate\": \"2026-09-01\", \"recordId\": \"rel-order-" + child
                        + "\", \"recordType\": \"relationship\", \"recordStatus\": \"new\", \"recordDetails\":"
                        + " {\"isComponent\": false, \"subject\": \"" + child + "\", \"interestedParty\": \"" + parent
                        + "\", \"interests\": [{\"type\": \"shareholding\", \"directOrIndirect\": \"direct\","
                        + " \"beneficialOwnershipOrControl\": false, \"share\": {\"exact\": 30}}]}}\n");
        assertEquals(1, bods.getInt("report.stakesWritten"), bods::prettify);
        assertEquals("PERMIT", decision(child), "30% as BODS, first by the configured order, says");
        api().when()
                .get("/v1/parties/" + child + "/owners")
                .then()
                .statusCode(200)
                .body("[0].percent", ApiTestSupport.decimal("30"));

        JsonPath again = succeeded("gleif-rr-json", consolidation);
        assertEquals(1, again.getInt("report.kept.'kept from bods'"), again::prettify);
        assertEquals("PERMIT", decision(child));
    }
}
