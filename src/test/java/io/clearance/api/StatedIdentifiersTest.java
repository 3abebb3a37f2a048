package io.clearance.api;

import static io.clearance.api.ApiTestSupport.api;
import static io.clearance.api.ApiTestSupport.postDecision;
import static io.clearance.api.ImportResourceTest.imported;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The identifiers a BODS entity's {@code identifiers[]} or an FtM company's {@code leiCode} (and OGRN, INN,
 * British registration number) state are its own after an import: found by {@code ?identifier=}, decided for
 * by {@code subject.identifier}, unchanged by importing the file again, replaced by a restatement, dropped by a
 * closing, and never taken from the party that holds one (refused with its line and field).
 */
@QuarkusTest
class StatedIdentifiersTest {

    static final String BODS_LEI = "BODSIDTEST0000A00142";
    static final String FTM_LEI = "FTMIDTEST00000A00373";

    @Inject
    DataSource dataSource;

    @Test
    void aBodsEntityIsFoundAndDecidedByTheIdentifiersItStates() throws Exception {
        succeeded(imported("bods", "bods/stated-identifiers.jsonl"));
        assertEquals(List.of("ent-sid-parent"), partiesBy("lei:" + BODS_LEI.toLowerCase(java.util.Locale.ROOT)));
        assertEquals(List.of("ent-sid-parent"), partiesBy("gb-coh:XS100001"));
        assertEquals(List.of("ent-sid-sub"), partiesBy("gb-coh:XS100002"));
        api().when()
                .get("/v1/parties/ent-sid-parent")
                .then()
                .statusCode(200)
                .body("identifiers.scheme", contains("gb-coh", "lei"))
                .body("identifiers.id", contains("XS100001", BODS_LEI));
        postDecision(Map.of(
                        "subject",
                        Map.of("identifier", Map.of("scheme", "GB-COH", "id", "XS100002")),
                        "action",
                        "api.access"))
                .statusCode(200)
                .body("subject", equalTo("ent-sid-sub"));
        postDecision(Map.of(
                        "subject",
                        Map.of("identifier", Map.of("scheme", "XI-LEI", "id", BODS_LEI)),
                        "action",
                        "api.access"))
                .statusCode(200)
                .body("subject", equalTo("ent-sid-parent"));

        List<List<String>> before = rows("bods");
        assertEquals(3, before.size(), before::toString);
        succeeded(imported("bods", "bods/stated-identifiers.jsonl"));
        assertEquals(before, rows("bods"), "the same file again changes no identifier");

        // Another entity stating the parent's LEI: imported, but the LEI stays the parent's, noted by line and field.
        JsonPath clash = imported("bods", bytes(entity("ent-sid-thief", "new", "XI-LEI", BODS_LEI)));
        succeeded(clash);
        assertEquals(List.of(), clash.getList("report.rejections"), clash::prettify);
        assertEquals(
                List.of("line 1 /recordDetails/identifiers/0/id: identifier `lei:" + BODS_LEI
                        + "` already belongs to party `ent-sid-parent`, not given to `ent-sid-thief`"
                        + " (the two parties are not merged)"),
                clash.getList("report.notes"),
                clash::prettify);
        assertEquals(List.of("ent-sid-parent"), partiesBy("lei:" + BODS_LEI));
        assertEquals(before, rows("bods"));
        api().when().get("/v1/parties/ent-sid-thief").then().statusCode(200).body("identifiers", nullValue());

        // An update restates them all: the company number the parent no longer states is dropped.
        succeeded(imported("bods", bytes(entity("ent-sid-parent", "updated", "XI-LEI", BODS_LEI))));
        assertEquals(List.of(), partiesBy("gb-coh:XS100001"));
        assertEquals(List.of("ent-sid-parent"), partiesBy("lei:" + BODS_LEI));
        // A closed record states none: the party stays, its identifiers go.
        succeeded(imported("bods", bytes(entity("ent-sid-parent", "closed", "XI-LEI", BODS_LEI))));
        assertEquals(List.of(), partiesBy("lei:" + BODS_LEI));
        api().when().get("/v1/parties/ent-sid-parent").then().statusCode(200).body("identifiers", nullValue());
        assertEquals(List.of("ent-sid-sub"), partiesBy("gb-coh:XS100002"));
    }

    @Test
    void anOpenSanctionsCompanyIsFoundByItsLeiAndRegisterNumbers() throws Exception {
        succeeded(imported("opensanctions", "opensanctions/stated-identifiers.ftm.jsonl"));
        assertEquals(List.of("os:os-sid-ru"), partiesBy("lei:" + FTM_LEI));
        assertEquals(List.of("os:os-sid-ru"), partiesBy("ru-ogrn:1027700132195"));
        assertEquals(List.of("os:os-sid-ru"), partiesBy("ru-inn:7707083893"));
        assertEquals(List.of("os:os-sid-gb"), partiesBy("gb-coh:XS100009"));
        api().when()
                .get("/v1/parties/os:os-sid-ru")
                .then()
                .statusCode(200)
                .body("identifiers.scheme", contains("lei", "opensanctions", "ru-inn", "ru-ogrn"));
        postDecision(Map.of(
                        "subject",
                        Map.of("identifier", Map.of("scheme", "lei", "id", FTM_LEI)),
                        "action",
                        "api.access"))
                .statusCode(200)
                .body("subject", equalTo("os:os-sid-ru"));

        List<List<String>> before = rows("opensanctions");
        succeeded(imported("opensanctions", "opensanctions/stated-identifiers.ftm.jsonl"));
        assertEquals(before, rows("opensanctions"), "the same file again changes no identifier");
    }

    @Test
    void anInvalidStatedLeiIsRefusedByLineAndFieldAndChangesNothing() {
        String bods = entity("ent-sid-good", "new", "GB-COH", "XS100077")
                + entity("ent-sid-bad-lei", "new", "XI-LEI", "BODSIDTEST0000A00143");
        JsonPath job = imported("bods", bytes(bods));
        assertEquals("failed", job.getString("status"), job::prettify);
        assertEquals(List.of(2), job.getList("report.rejections.line"));
        assertEquals("/recordDetails/identifiers/0/id", job.getString("report.rejections[0].field"));
        assertEquals("invalid-lei", job.getString("report.rejections[0].code"));
        assertEquals(List.of(), partiesBy("gb-coh:XS100077"));
        api().when().get("/v1/parties/ent-sid-good").then().statusCode(404);

        String ftm =
                "{\"id\": \"os-sid-bad-lei\", \"schema\": \"Company\", \"properties\": {\"name\": [\"Bad Lei Co\"],"
                        + " \"jurisdiction\": [\"de\"], \"leiCode\": [\"not-an-lei\"]}}\n";
        JsonPath os = imported("opensanctions", bytes(ftm));
        assertEquals("failed", os.getString("status"), os::prettify);
        assertEquals("/properties/leiCode/0", os.getString("report.rejections[0].field"));
        api().when().get("/v1/parties/os:os-sid-bad-lei").then().statusCode(404);
    }

    private static String entity(String recordId, String status, String scheme, String id) {
        return "{\"statementId\": \"sid-" + recordId + "-" + status + "\", \"statementDate\": \"2024-04-01\","
                + " \"recordId\": \"" + recordId + "\", \"recordType\": \"entity\", \"recordStatus\": \"" + status
                + "\", \"recordDetails\": {\"isComponent\": false, \"entityType\": {\"type\": \"registeredEntity\"},"
                + " \"name\": \"Lantern Harbour Holdings Ltd\", \"jurisdiction\": {\"code\": \"GB\"},"
                + " \"identifiers\": [{\"scheme\": \"" + scheme + "\", \"id\": \"" + id + "\"}]}}\n";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void succeeded(JsonPath job) {
        assertEquals("succeeded", job.getString("status"), job::prettify);
    }

    private static List<String> partiesBy(String identifier) {
        return api().when()
                .get("/v1/parties?identifier=" + identifier)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("parties.partyId", String.class);
    }

    /** Every identifier row {@code source}'s imports stored. */
    private List<List<String>> rows(String source) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select scheme, id_value, party_id from"
                        + " party_identifier where source = ? and party_id like '%sid-%' order by scheme, id_value")) {
            select.setString(1, source);
            try (ResultSet row = select.executeQuery()) {
                List<List<String>> rows = new ArrayList<>();
                while (row.next()) {
                    rows.add(List.of(row.getString(1), row.getString(2), row.getString(3)));
                }
                return rows;
            }
        }
    }
}
