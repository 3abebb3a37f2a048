package io.clearance.api;

import static io.clearance.api.ImportResourceTest.decision;
import static io.clearance.api.ImportResourceTest.imported;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * GLEIF's golden copy, then its 8 h, 24 h (CSV) and 7 d deltas, which overlap: each restates the latest
 * state of every record changed in its window, so the later files restate what the earlier ones brought.
 * Applied in order, each closes what went {@code INACTIVE} at the period's end; applied again, none changes
 * a row. GLEIF's deltas are the records new or revised since the golden copy published 8 hours, 24 hours or
 * 7 days earlier, in the golden copy's own format (gleif.org, "GLEIF Golden Copy and Delta Files"). Fixtures
 * in {@code imports/gleif/deltas}, with LEIs of their own so other tests' imports do not meet them.
 */
@QuarkusTest
class GleifDeltaSequenceTest {

    static final String CN = "5493020DELTADRAGON35";
    static final String DE = "5493021DELTARHEINA02";
    static final String FR = "5493022DELTASEINEC28";
    static final String US = "5493023DELTAEAGLEH80";

    @Inject
    DataSource dataSource;

    private static JsonPath succeeded(String format, String fixture) throws Exception {
        JsonPath job = imported(format, "gleif/deltas/" + fixture);
        assertEquals("succeeded", job.getString("status"), job::prettify);
        return job;
    }

    @Test
    void goldenCopyThenEightHourDayAndWeekDeltasAreIdempotentAndClose() throws Exception {
        succeeded("gleif-lei-json", "lei-golden.json");
        succeeded("gleif-rr-json", "rr-golden.json");
        assertEquals("DENY", decision(DE), "consolidated by a Chinese parent");
        assertEquals("DENY", decision(FR), "consolidated by a Chinese parent");
        assertEquals("PERMIT", decision(US));

        succeeded("gleif-lei-json", "lei-delta-8h.json");
        JsonPath eightHours = succeeded("gleif-rr-json", "rr-delta-8h.json");
        assertEquals(1, eightHours.getInt("report.stakesClosed"));
        assertEquals("PERMIT", decision(FR), "its consolidation went INACTIVE on 1 December");
        assertEquals("2026-12-01T00:00:00Z", validTo(FR));

        JsonPath day = succeeded("gleif-rr-csv", "rr-delta-24h.csv");
        assertEquals(2, day.getInt("report.recordsRead"));
        assertEquals("DENY", decision(US), "consolidated by the Chinese parent from 30 November");
        assertEquals("PERMIT", decision(FR), "the closing restated: still closed");
        assertEquals("2026-12-01T00:00:00Z", validTo(FR), "restating the closing moves no date");

        succeeded("gleif-lei-json", "lei-delta-7d.json");
        JsonPath week = succeeded("gleif-rr-json", "rr-delta-7d.json");
        assertEquals(3, week.getInt("report.recordsRead"));
        assertEquals("PERMIT", decision(DE), "the week's delta closes DE's consolidation, outside the last day");
        assertEquals("2026-11-27T00:00:00Z", validTo(DE));
        assertEquals("DENY", decision(US));
        assertEquals("PERMIT", decision(FR));

        // Each delta again, in any order, changes no row.
        List<List<String>> before = rows();
        succeeded("gleif-rr-json", "rr-delta-8h.json");
        succeeded("gleif-rr-csv", "rr-delta-24h.csv");
        succeeded("gleif-rr-json", "rr-delta-7d.json");
        succeeded("gleif-lei-json", "lei-delta-8h.json");
        assertEquals(before, rows());
        assertEquals("PERMIT", decision(DE));
        assertEquals("PERMIT", decision(FR));
        assertEquals("DENY", decision(US));
    }

    /** When the stake of the CN parent in {@code child} ends, as an ISO instant, or "open". */
    private String validTo(String child) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("select valid_to from stake where owned_id = ? and owner_id = ?")) {
            select.setString(1, child);
            select.setString(2, CN);
            try (ResultSet row = select.executeQuery()) {
                assertEquals(true, row.next(), "the stake is on record");
                OffsetDateTime end = row.getObject(1, OffsetDateTime.class);
                return end == null ? "open" : end.toInstant().toString();
            }
        }
    }

    private List<List<String>> rows() throws SQLException {
        List<List<String>> rows = new ArrayList<>(query("select owned_id, owner_id, control, valid_from, valid_to,"
                + " source, source_record_id, source_as_of from stake where owner_id = '" + CN
                + "' order by owned_id"));
        rows.addAll(query("select id, name, country, source_as_of from party where id in ('" + CN + "', '" + DE + "', '"
                + FR + "', '" + US + "') order by id"));
        return rows;
    }

    private List<List<String>> query(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql);
                ResultSet row = select.executeQuery()) {
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
