package io.clearance.api;

import static io.clearance.api.ImportResourceTest.imported;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A refused record names the field at fault, as the file spells it: the CSV column for GLEIF's CSV, a JSON
 * pointer into the record for BODS and the PSC register. And the PSC register's voting rights, whatever
 * their band, and its right to appoint directors become control without a share being invented for them.
 */
@QuarkusTest
class ImportRejectionFieldsTest {

    @Inject
    DataSource dataSource;

    @Test
    void gleifCsvNamesTheColumn() {
        String csv =
                "\"LEI\",\"Entity.LegalName\",\"Entity.HeadquartersAddress.Country\",\"Registration.LastUpdateDate\"\n"
                        + "\"5493024FIELDSXXCO067\",\"Nowhere Co\",\"XX\",\"2026-11-01T00:00:00Z\"\n"
                        + "\"5493025FIELDSNONAME9\",\"\",\"DE\",\"2026-11-01T00:00:00Z\"\n";
        JsonPath job = imported("gleif-lei-csv", csv.getBytes(StandardCharsets.UTF_8));
        assertEquals("failed", job.getString("status"), job::prettify);
        assertEquals(List.of(2, 3), job.getList("report.rejections.line"));
        assertEquals("invalid-country", job.getString("report.rejections[0].code"));
        assertEquals("Entity.HeadquartersAddress.Country", job.getString("report.rejections[0].field"));
        assertEquals("Entity.LegalName", job.getString("report.rejections[1].field"));
    }

    @Test
    void bodsNamesAJsonPointer() {
        String jsonl = """
                {"statementId": "f-1", "statementDate": "2024-13-45", "recordId": "fields-ent-1", "recordType": "entity", "recordDetails": {"entityType": {"type": "registeredEntity"}, "name": "Bad Date GmbH", "jurisdiction": {"code": "DE"}}}
                {"statementId": "f-2", "statementDate": "2024-01-01", "recordId": "fields-rel-1", "recordType": "relationship", "recordDetails": {"subject": "fields-ent-1", "interestedParty": "fields-ent-2", "interests": [{"type": "shareholding", "directOrIndirect": "direct", "share": {"exact": 60}, "startDate": "someday"}]}}
                {"statementId": "f-3", "statementDate": "2024-01-01", "recordId": "fields-ent-3", "recordType": "entity", "recordDetails": {"entityType": {"type": "registeredEntity"}, "name": "Nowhere Ltd"}}
                """;
        JsonPath job = imported("bods", jsonl.getBytes(StandardCharsets.UTF_8));
        assertEquals("failed", job.getString("status"), job::prettify);
        assertEquals(List.of(1, 2, 3), job.getList("report.rejections.line"));
        assertEquals("/statementDate", job.getString("report.rejections[0].field"));
        assertEquals("/recordDetails/interests/0/startDate", job.getString("report.rejections[1].field"));
        assertEquals("/recordDetails/jurisdiction", job.getString("report.rejections[2].field"));
    }

    @Test
    void ukPscNamesAJsonPointer() throws Exception {
        JsonPath job = imported("uk-psc", "uk-psc/psc-bad.jsonl");
        assertEquals("failed", job.getString("status"), job::prettify);
        assertEquals(List.of(2, 3), job.getList("report.rejections.line"));
        assertEquals("/data/notified_on", job.getString("report.rejections[0].field"));
        assertEquals("/data/country_of_residence", job.getString("report.rejections[1].field"));
    }

    @Test
    void ukPscVotingRightsAndAppointmentAreControlWithoutAnInventedShare() throws Exception {
        String psc = """
                {"company_number": "30000001", "data": {"kind": "corporate-entity-person-with-significant-control", "name": "Votes Only Holdings Ltd", "natures_of_control": ["voting-rights-25-to-50-percent"], "notified_on": "2020-01-01", "links": {"self": "/company/30000001/persons-with-significant-control/corporate/votes01"}, "identification": {"country_registered": "China"}}}
                {"company_number": "30000002", "data": {"kind": "individual-person-with-significant-control", "name": "Ms Banded", "natures_of_control": ["ownership-of-shares-25-to-50-percent", "voting-rights-25-to-50-percent-as-trust", "right-to-appoint-and-remove-directors"], "notified_on": "2020-01-01", "links": {"self": "/company/30000002/persons-with-significant-control/individual/banded01"}, "country_of_residence": "England"}}
                """;
        JsonPath job = imported("uk-psc", psc.getBytes(StandardCharsets.UTF_8));
        assertEquals("succeeded", job.getString("status"), job::prettify);
        assertFalse(
                job.getMap("report.skipped").keySet().stream()
                        .anyMatch(what -> what.toString().contains("voting")),
                () -> "no voting right is skipped: " + job.getMap("report.skipped"));

        // Control alone keeps no percentage at all (V5): neither an exact share nor a range.
        Object[] votesOnly = stake("gb-coh:30000001");
        assertEquals(null, votesOnly[0], "no share invented");
        assertEquals(null, votesOnly[1], "no share invented");
        assertEquals(null, votesOnly[2], "no share invented");
        assertEquals("other-influence", votesOnly[3]);

        Object[] banded = stake("gb-coh:30000002");
        assertEquals(null, banded[0]);
        assertEquals(0, new BigDecimal("25").compareTo((BigDecimal) banded[1]), "the shares band stays a range");
        assertEquals(0, new BigDecimal("50").compareTo((BigDecimal) banded[2]));
        assertTrue(((String) banded[3]).contains("other-influence"), String.valueOf(banded[3]));
        assertTrue(((String) banded[3]).contains("board-appointment"), String.valueOf(banded[3]));
    }

    /** percent, min_percent, max_percent and control of the one stake in {@code company}. */
    private Object[] stake(String company) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select percent, min_percent, max_percent, control from stake where owned_id = ?")) {
            select.setString(1, company);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), "a stake in " + company);
                return new Object[] {row.getBigDecimal(1), row.getBigDecimal(2), row.getBigDecimal(3), row.getString(4)
                };
            }
        }
    }
}
