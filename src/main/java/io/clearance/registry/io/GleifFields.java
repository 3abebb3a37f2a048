package io.clearance.registry.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;

/**
 * One GLEIF record, read the same way from both distributions: the CSV names its columns by the XML path
 * ({@code Entity.LegalName}, {@code Relationship.StartNode.NodeID}); the JSON keeps that path as nested
 * objects whose values sit under {@code "$"} (the XML text node). {@link #text} takes the dotted path.
 */
abstract class GleifFields {

    /**
     * A relationship period: its type ({@code RELATIONSHIP_PERIOD}, {@code ACCOUNTING_PERIOD}, ...), dates and
     * where its dates are in the file (a JSON pointer or CSV column), for a refusal to name.
     */
    record Period(String type, String start, String end, String startField, String endField) {}

    /** Where the value at a dotted path is in the file: a JSON pointer, or the CSV column. */
    abstract String field(String path);

    /** The value at a dotted path, or {@code null} when absent or empty. */
    abstract String text(String path);

    /** The relationship's periods (RR-CDF {@code RelationshipPeriods}). */
    abstract List<Period> periods();

    static GleifFields of(JsonNode record) {
        // Some JSON files wrap each record once more ({"LEIRecord": {...}}, {"RelationshipRecord": {...}}).
        JsonNode unwrapped = record.size() == 1 && (record.has("LEIRecord") || record.has("RelationshipRecord"))
                ? record.elements().next()
                : record;
        return new Json(unwrapped);
    }

    static GleifFields of(CSVRecord row, Map<String, Integer> header) {
        return new Csv(row, header);
    }

    private static final class Json extends GleifFields {
        private final JsonNode record;

        Json(JsonNode record) {
            this.record = record;
        }

        @Override
        String text(String path) {
            return value(at(record, path));
        }

        @Override
        String field(String path) {
            return "/" + path.replace('.', '/');
        }

        @Override
        List<Period> periods() {
            JsonNode periods = at(record, "Relationship.RelationshipPeriods");
            JsonNode list = periods.path("RelationshipPeriod");
            String where = list.isArray()
                    ? "/Relationship/RelationshipPeriods/RelationshipPeriod/"
                    : periods.isArray() ? "/Relationship/RelationshipPeriods/" : null;
            List<Period> found = new ArrayList<>();
            int index = 0;
            for (JsonNode period : list.isArray() ? list : (periods.isArray() ? periods : List.of(list))) {
                String at = where == null ? "/Relationship/RelationshipPeriods/RelationshipPeriod" : where + index;
                index++;
                if (period.isObject()) {
                    found.add(new Period(
                            value(period.path("PeriodType")),
                            value(period.path("StartDate")),
                            value(period.path("EndDate")),
                            at + "/StartDate",
                            at + "/EndDate"));
                }
            }
            return found;
        }

        private static JsonNode at(JsonNode node, String path) {
            JsonNode at = node;
            for (String step : path.split("\\.")) {
                at = at.path(step);
            }
            return at;
        }

        private static String value(JsonNode node) {
            JsonNode text = node.isObject() ? node.path("$") : node;
            return text.isValueNode() && !text.asText().isBlank()
                    ? text.asText().trim()
                    : null;
        }
    }

    private static final class Csv extends GleifFields {
        private final CSVRecord row;
        private final Map<String, Integer> header;

        Csv(CSVRecord row, Map<String, Integer> header) {
            this.row = row;
            this.header = header;
        }

        @Override
        String text(String path) {
            Integer column = header.get(path);
            // A short row lacks its last columns: absent, like an empty one.
            String value = column == null || column >= row.size() ? null : row.get(column);
            return value == null || value.isBlank() ? null : value.trim();
        }

        @Override
        String field(String path) {
            return path;
        }

        @Override
        List<Period> periods() {
            List<Period> found = new ArrayList<>();
            for (int n = 1; header.containsKey("Relationship.Period." + n + ".periodType"); n++) {
                String type = text("Relationship.Period." + n + ".periodType");
                if (type != null) {
                    found.add(new Period(
                            type,
                            text("Relationship.Period." + n + ".startDate"),
                            text("Relationship.Period." + n + ".endDate"),
                            "Relationship.Period." + n + ".startDate",
                            "Relationship.Period." + n + ".endDate"));
                }
            }
            return found;
        }
    }

    /**
     * A GLEIF date or date-time ({@code 2018-03-01}, {@code 2018-03-01T00:00:00.000Z},
     * {@code 2018-03-01T00:00:00+01:00}) as an instant, to the second.
     *
     * @throws IllegalArgumentException naming the field
     */
    static Instant instant(String field, String text) {
        try {
            if (text.length() == 10) {
                return IsoDates.date(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return IsoDates.dateTime(text).toInstant().truncatedTo(ChronoUnit.SECONDS);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("`" + field + "` `" + text + "` is not an ISO-8601 date or date-time");
        }
    }

    /** The date part of a GLEIF date-time, for provenance. */
    static LocalDate date(String text) {
        if (text == null) {
            return null;
        }
        try {
            return text.length() == 10
                    ? IsoDates.date(text)
                    : IsoDates.dateTime(text).toLocalDate();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
