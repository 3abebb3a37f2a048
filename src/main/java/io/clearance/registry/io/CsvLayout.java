package io.clearance.registry.io;

import java.util.List;
import java.util.Map;

/** The columns of a registry CSV file, shared by its reader and its writer. */
final class CsvLayout {

    static final String[] CSV_HEADER = {
        "record",
        "id",
        "name",
        "kind",
        "country",
        "nationality",
        "owned",
        "owner",
        "percent",
        "percent_min",
        "percent_max",
        "percent_at_least",
        "percent_at_most",
        "control",
        "valid_from",
        "valid_to"
    };

    static final List<String> CSV_COLUMNS = List.of(CSV_HEADER);

    /** The CSV range columns and the range keys of the HTTP contract they stand for. */
    static final Map<String, String> CSV_BOUNDS = Map.of(
            "percent_min", "min",
            "percent_max", "max",
            "percent_at_least", "atLeast",
            "percent_at_most", "atMost");

    private CsvLayout() {}
}
