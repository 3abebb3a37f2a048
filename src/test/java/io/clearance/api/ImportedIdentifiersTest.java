package io.clearance.api;

import static io.clearance.api.ApiTestSupport.api;
import static io.clearance.api.ApiTestSupport.assertProblem;
import static io.clearance.api.ApiTestSupport.partyBody;
import static io.clearance.api.ApiTestSupport.postDecision;
import static io.clearance.api.ApiTestSupport.putParty;
import static io.clearance.api.ApiTestSupport.unique;
import static io.clearance.api.ImportResourceTest.imported;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clearance.registry.identity.Leis;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Parties imported from a register are found, and decided for, by that register's identifier: a GLEIF entity by
 * {@code lei:}, a UK company of the PSC register by {@code gb-coh:}, an OpenSanctions entity by
 * {@code opensanctions:}. Their imported ids are those keys, and no other party may take them.
 */
@QuarkusTest
class ImportedIdentifiersTest {

    private static void succeeded(String format, String lines) {
        assertEquals(
                "succeeded",
                imported(format, lines.getBytes(StandardCharsets.UTF_8)).getString("status"),
                format);
    }

    private static String entity(String lei, String name, String country) {
        return "{\"LEI\": \"" + lei + "\", \"Entity\": {\"LegalName\": \"" + name
                + "\", \"HeadquartersAddress\": {\"Country\": \"" + country + "\"}}}\n";
    }

    @Test
    void aGleifEntityIsFoundAndDecidedByItsLei() {
        String parent = Leis.fresh();
        String child = Leis.fresh();
        succeeded(
                "gleif-lei-json",
                entity(parent, "Identifier Dragon Holdings", "CN") + entity(child, "Identifier Rhein GmbH", "DE"));
        succeeded(
                "gleif-rr-json",
                "{\"Relationship\": {\"StartNode\": {\"NodeID\": \"" + child + "\"}, \"EndNode\": {\"NodeID\": \""
                        + parent + "\"}, \"RelationshipType\": \"IS_DIRECTLY_CONSOLIDATED_BY\","
                        + " \"RelationshipStatus\": \"ACTIVE\"}}\n");

        api().when()
                .get("/v1/parties?identifier=lei:" + child.toLowerCase(java.util.Locale.ROOT))
                .then()
                .statusCode(200)
                .body("parties.partyId", contains(child))
                .body("parties[0].country", equalTo("DE"));
        api().when()
                .get("/v1/parties/" + child)
                .then()
                .statusCode(200)
                .body("identifiers.scheme", contains("lei"))
                .body("identifiers.id", contains(child));
        postDecision(Map.of(
                        "subject", Map.of("identifier", Map.of("scheme", "lei", "id", child)), "action", "api.access"))
                .statusCode(200)
                .body("subject", equalTo(child))
                .body("decision", equalTo("DENY"));

        // The LEI is the imported party's: another party cannot carry it.
        String other = unique("claims-lei");
        Map<String, Object> claim = partyBody("Claimant", "COMPANY", "DE", null);
        claim.put("identifiers", List.of(Map.of("scheme", "lei", "id", child)));
        assertProblem(putParty(other, claim), 409, "identifier-taken");
        api().when().get("/v1/parties?identifier=lei:" + Leis.fresh()).then().body("parties", empty());
    }

    @Test
    void aPscCompanyIsFoundByItsCompanyNumber() {
        String number = "SC" + (100000 + (int) (Math.random() * 800000));
        String holder = UUID.randomUUID().toString().replace("-", "");
        succeeded(
                "uk-psc",
                "{\"company_number\": \"" + number + "\", \"data\": {\"kind\":"
                        + " \"corporate-entity-person-with-significant-control\", \"name\": \"Identifier Lotus Co\","
                        + " \"natures_of_control\": [\"ownership-of-shares-75-to-100-percent\"], \"notified_on\":"
                        + " \"2020-01-01\", \"links\": {\"self\": \"/company/" + number
                        + "/persons-with-significant-control/corporate/" + holder + "\"}, \"identification\":"
                        + " {\"country_registered\": \"China\"}}}\n");

        api().when()
                .get("/v1/parties?identifier=gb-coh:" + number.toLowerCase(java.util.Locale.ROOT))
                .then()
                .statusCode(200)
                .body("parties.partyId", contains("gb-coh:" + number));
        postDecision(Map.of(
                        "subject",
                        Map.of("identifier", Map.of("scheme", "GB-COH", "id", number)),
                        "action",
                        "api.access"))
                .statusCode(200)
                .body("subject", equalTo("gb-coh:" + number))
                .body("decision", equalTo("DENY"));
    }

    @Test
    void anOpenSanctionsEntityIsFoundByItsId() {
        String id = "id-" + UUID.randomUUID();
        succeeded(
                "opensanctions",
                "{\"id\": \"" + id + "\", \"schema\": \"Organization\", \"properties\": {\"name\":"
                        + " [\"Identifier Foundation\"], \"country\": [\"nl\"]}}\n");

        api().when()
                .get("/v1/parties?identifier=opensanctions:" + id)
                .then()
                .statusCode(200)
                .body("parties.partyId", contains("os:" + id))
                .body("parties[0].name", equalTo("Identifier Foundation"));
        api().when()
                .get("/v1/parties/os:" + id)
                .then()
                .statusCode(200)
                .body("identifiers.scheme", contains("opensanctions"))
                .body("kind", equalTo("COMPANY"));
    }
}
