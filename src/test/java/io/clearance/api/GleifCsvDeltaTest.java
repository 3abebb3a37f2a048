package io.clearance.api;

import static io.clearance.api.ApiTestSupport.api;
import static io.clearance.api.ImportResourceTest.decision;
import static io.clearance.api.ImportResourceTest.imported;
import static org.hamcrest.Matchers.equalTo;
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
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * GLEIF's CSV distribution (LEI-CDF and RR-CDF, one column per dotted path): the golden copy, then the 8 h
 * delta, which restates an entity that moved and was renamed, and an entity gone {@code INACTIVE} whose
 * consolidation the relationship delta ends. The entity stays a party (relationships and history name it; see
 * {@code GleifEntityReader}); its stake is closed at the period's end. Applied again, the deltas change no
 * row. A malformed row is refused by line and column, and nothing of the file is imported. Fixtures in
 * {@code imports/gleif/deltas}, with LEIs of their own ({@link GleifDeltaSequenceTest} has the JSON ones).
 */
@QuarkusTest
class GleifCsvDeltaTest {

    static final String CN = "5493024CSVDRAGON0038";
    static final String DE = "5493025CSVRHEIN00082";
    static final String FR = "5493026CSVSEINE00034";

    @Inject
    DataSource dataSource;

    private static JsonPath succeeded(String format, String fixture) throws Exception {
        JsonPath job = imported(format, "gleif/deltas/" + fixture);
        assertEquals("succeeded", job.getString("status"), job::prettify);
        return job;
    }

    @Test
    void theEightHourCsvDeltaUpdatesAnEntityAndClosesTheInactiveOnesConsolidation() throws Exception {
        succeeded("gleif-lei-csv", "lei-golden.csv");
        succeeded("gleif-rr-csv", "rr-golden.csv");
        assertEquals("DENY", decision(DE), "consolidated by a Chinese parent");
        assertEquals("DENY", decision(FR), "consolidated by a Chinese parent");

        JsonPath entities = succeeded("gleif-lei-csv", "lei-delta-8h.csv");
        assertEquals(2, entities.getInt("report.recordsRead"));
        api().when()
                .get("/v1/parties/" + DE)
                .then()
                .statusCode(200)
                .body("name", equalTo("CSV Donau Analytics GmbH"))
                .body("country", equalTo("AT"));
        JsonPath relationships = succeeded("gleif-rr-csv", "rr-delta-8h.csv");
        assertEquals(1, relationships.getInt("report.stakesClosed"));
        assertEquals("PERMIT", decision(FR), "its consolidation went INACTIVE on 1 December");
        assertEquals("DENY", decision(DE), "still consolidated by the Chinese parent");
        api().when().get("/v1/parties/" + FR).then().statusCode(200).body("country", equalTo("FR"));

        List<List<String>> before = rows();
        assertEquals(
                List.of(
                        List.of(DE, CN, "2020-01-01T00:00:00Z", "open"),
                        List.of(FR, CN, "2020-01-01T00:00:00Z", "2026-12-01T00:00:00Z")),
                before.subList(0, 2));
        succeeded("gleif-lei-csv", "lei-delta-8h.csv");
        succeeded("gleif-rr-csv", "rr-delta-8h.csv");
        assertEquals(before, rows(), "the same deltas again change no row");
    }

    @Test
    void aMalformedEntityRowIsRefusedByLineAndColumnAndChangesNothing() {
        String good = "5493027CSVGOODROW031";
        String csv =
                "\"LEI\",\"Entity.LegalName\",\"Entity.HeadquartersAddress.Country\",\"Registration.LastUpdateDate\"\n"
                        + "\"" + good + "\",\"CSV Good Row Ltd\",\"GB\",\"2026-11-20T00:00:00Z\"\n"
                        + "\"5493028CSVBADROW0066\",\"CSV Bad Row Ltd\",\"ZZ\",\"2026-11-20T00:00:00Z\"\n"
                        + "\"5493028CSVBADROW0066\",\"\",\"GB\",\"2026-11-20T00:00:00Z\"\n";
        JsonPath job = imported("gleif-lei-csv", csv.getBytes(StandardCharsets.UTF_8));
        assertEquals("failed", job.getString("status"), job::prettify);
        assertEquals(List.of(3, 4), job.getList("report.rejections.line"));
        assertEquals("Entity.HeadquartersAddress.Country", job.getString("report.rejections[0].field"));
        assertEquals("invalid-country", job.getString("report.rejections[0].code"));
        assertEquals("Entity.LegalName", job.getString("report.rejections[1].field"));
        api().when().get("/v1/parties/" + good).then().statusCode(404);
    }

    @Test
    void aMalformedRelationshipRowIsRefusedByLineAndColumnAndChangesNothing() throws Exception {
        succeeded("gleif-lei-csv", "lei-golden.csv");
        List<List<String>> before = rows();
        String csv =
                "\"Relationship.StartNode.NodeID\",\"Relationship.EndNode.NodeID\",\"Relationship.RelationshipType\","
                        + "\"Relationship.Period.1.startDate\",\"Relationship.Period.1.periodType\",\"Relationship.RelationshipStatus\","
                        + "\"Registration.LastUpdateDate\"\n"
                        + "\"" + FR + "\",\"" + DE + "\",\"IS_ULTIMATELY_CONSOLIDATED_BY\",\"2021-01-01T00:00:00Z\","
                        + "\"RELATIONSHIP_PERIOD\",\"ACTIVE\",\"2026-11-20T00:00:00Z\"\n"
                        + "\"" + DE + "\",\"" + FR + "\",\"IS_DIRECTLY_CONSOLIDATED_BY\",\"2021-02-30T00:00:00Z\","
                        + "\"RELATIONSHIP_PERIOD\",\"ACTIVE\",\"2026-11-20T00:00:00Z\"\n";
        JsonPath job = imported("gleif-rr-csv", csv.getBytes(StandardCharsets.UTF_8));
        assertEquals("failed", job.getString("status"), job::prettify);
        assertEquals(List.of(3), job.getList("report.rejections.line"));
        assertEquals("Relationship.Period.1.startDate", job.getString("report.rejections[0].field"));
        assertEquals(before, rows(), "the good row before it is not in the registry either");
    }

    /** The stakes of the CN parent and into DE or FR ({@code owned, owner, from, to}), then the three parties. */
    private List<List<String>> rows() throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select owned_id, owner_id, valid_from,"
                        + " valid_to from stake where owned_id in (?, ?) order by owned_id, owner_id")) {
            select.setString(1, DE);
            select.setString(2, FR);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    java.time.OffsetDateTime from = row.getObject(3, java.time.OffsetDateTime.class);
                    java.time.OffsetDateTime to = row.getObject(4, java.time.OffsetDateTime.class);
                    rows.add(List.of(
                            row.getString(1),
                            row.getString(2),
                            from == null ? "open" : from.toInstant().toString(),
                            to == null ? "open" : to.toInstant().toString()));
                }
            }
            try (PreparedStatement parties = connection.prepareStatement(
                    "select id, name, country, source_as_of from party where id in (?, ?, ?) order by id")) {
                parties.setString(1, CN);
                parties.setString(2, DE);
                parties.setString(3, FR);
                try (ResultSet row = parties.executeQuery()) {
                    while (row.next()) {
                        rows.add(List.of(row.getString(1), row.getString(2), row.getString(3), row.getString(4)));
                    }
                }
            }
        }
        return rows;
    }
}
