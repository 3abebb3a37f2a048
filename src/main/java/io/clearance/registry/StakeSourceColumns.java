package io.clearance.registry;

import io.clearance.ownership.graph.StakeSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;

/** A stake's provenance columns (V55) as the graph keeps them for evidence; what the API typed has none. */
final class StakeSourceColumns {

    private StakeSourceColumns() {}

    /** Reads {@code source, source_record_id, source_as_of} starting at column {@code first}. */
    static StakeSource read(ResultSet rows, int first) throws SQLException {
        String source = rows.getString(first);
        if (source == null || ImportPrecedence.API.equals(source)) {
            return null;
        }
        return new StakeSource(source, rows.getString(first + 1), rows.getObject(first + 2, LocalDate.class));
    }
}
