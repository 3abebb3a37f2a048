package io.clearance.api;

import static io.clearance.api.ImportResourceTest.imported;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Importing the same file twice changes no party or stake, in every format (GLEIF's own are in
 * {@link GleifDeltaSequenceTest} and {@link ImportResourceTest}): records are keyed by their source and its key,
 * and a record restated as it was writes the same row again.
 */
@QuarkusTest
class ImportIdempotenceTest {

    @Inject
    DataSource dataSource;

    @ParameterizedTest
    @CsvSource({
        "uk-psc, uk-psc/psc-snapshot.jsonl, uk-psc",
        "bods, bods/kiel-robotics.jsonl, bods",
        "bods, bods/kiel-robotics.json, bods",
        "opensanctions, opensanctions/entities.ftm.jsonl, opensanctions"
    })
    void theSameFileTwiceChangesNothing(String format, String fixture, String source) throws Exception {
        succeeded(format, fixture);
        List<List<String>> before = rows(source);
        assertFalse(before.isEmpty(), "the file stated parties and stakes");
        succeeded(format, fixture);
        assertEquals(before, rows(source));
    }

    @Test
    void aBodsJsonArrayReadsAsItsJsonLines() throws Exception {
        succeeded("bods", "bods/kiel-robotics.json");
        assertEquals("DENY", ImportResourceTest.decision("ent-bods-de"), "updated from 40% to 60%");
        assertEquals("PERMIT", ImportResourceTest.decision("ent-bods-gb"), "closed in 2025");
    }

    private static void succeeded(String format, String fixture) throws Exception {
        JsonPath job = imported(format, fixture);
        assertEquals("succeeded", job.getString("status"), job::prettify);
    }

    /** Every party and stake {@code source} stated, all columns but when the row was last written. */
    private List<List<String>> rows(String source) throws SQLException {
        List<List<String>> rows = query(
                "select id, name, kind, country, nationality, source_record_id, source_as_of from party"
                        + " where source = ? order by id",
                source);
        rows.addAll(query(
                "select owned_id, owner_id, percent, min_percent, min_exclusive, max_percent, max_exclusive, control,"
                        + " valid_from, valid_to, source_record_id, source_as_of from stake where source = ?"
                        + " order by owned_id, owner_id",
                source));
        return rows;
    }

    private List<List<String>> query(String sql, String source) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, source);
            try (ResultSet row = select.executeQuery()) {
                List<List<String>> rows = new ArrayList<>();
                int columns = row.getMetaData().getColumnCount();
                while (row.next()) {
                    List<String> values = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        values.add(row.getString(i));
                    }
                    rows.add(values);
                }
                return rows;
            }
        }
    }
}
