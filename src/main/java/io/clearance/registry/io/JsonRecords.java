package io.clearance.registry.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.problem.ErrorCode;
import io.clearance.registry.ImportReport;
import java.io.IOException;
import java.io.InputStream;

/**
 * Streams the records of a JSON file one at a time with Jackson's {@link JsonParser}, whichever way the
 * publisher packs them: one object a line (JSON Lines), a JSON array, or an object whose first array field
 * holds them (GLEIF's {@code {"records": [...]}}). Only one record is ever held as a tree, so memory stays
 * bounded by the largest record, not the file.
 */
final class JsonRecords {

    /** Receives each record with the line it starts on. */
    @FunctionalInterface
    interface Handler {
        void record(long line, JsonNode record);
    }

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private JsonRecords() {}

    /**
     * Hands every record to {@code handler}. A file that is not JSON stops the reading with one refusal
     * (its line) in {@code report}: what follows a syntax error cannot be trusted.
     */
    static void each(InputStream in, ImportReport report, Handler handler) throws IOException {
        JsonFactory factory = JSON.getFactory();
        try (JsonParser parser = factory.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return;
            }
            if (first == JsonToken.START_ARRAY) {
                elements(parser, handler);
            } else if (first == JsonToken.START_OBJECT && !isRecordsWrapper(parser, handler)) {
                // JSON Lines: the root objects one after another; the first is already open.
                handler.record(parser.currentTokenLocation().getLineNr(), JSON.readTree(parser));
                rootObjects(parser, handler);
            }
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            report.reject(line, null, ErrorCode.MALFORMED_FILE, "not JSON: " + e.getOriginalMessage());
        }
    }

    private static void rootObjects(JsonParser parser, Handler handler) throws IOException {
        for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
            long line = parser.currentTokenLocation().getLineNr();
            handler.record(line, JSON.readTree(parser));
        }
    }

    private static void elements(JsonParser parser, Handler handler) throws IOException {
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == null) {
                throw new JsonProcessingException("the array is not closed", parser.currentLocation()) {};
            }
            long line = parser.currentTokenLocation().getLineNr();
            handler.record(line, JSON.readTree(parser));
        }
    }

    /**
     * At an object's start: when its first field (after any scalar or object header fields) is an array of
     * records, reads them and returns true. An object whose first field is not an array is a record itself.
     */
    private static boolean isRecordsWrapper(JsonParser parser, Handler handler) throws IOException {
        // Peek: a wrapper's fields are metadata objects (GLEIF puts none before the array) and one array.
        JsonToken token = parser.nextToken();
        if (token != JsonToken.FIELD_NAME) {
            return false;
        }
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value != JsonToken.START_ARRAY) {
            // A record: put the parsed field back by reading the rest and merging it in.
            com.fasterxml.jackson.databind.node.ObjectNode record = JSON.createObjectNode();
            long line = parser.currentTokenLocation().getLineNr();
            record.set(field, JSON.readTree(parser));
            for (JsonToken next = parser.nextToken(); next == JsonToken.FIELD_NAME; next = parser.nextToken()) {
                String name = parser.currentName();
                parser.nextToken();
                record.set(name, JSON.readTree(parser));
            }
            handler.record(line, record);
            rootObjects(parser, handler);
            return true;
        }
        elements(parser, handler);
        // Whatever follows the records (GLEIF appends nothing) is skipped.
        for (JsonToken next = parser.nextToken(); next == JsonToken.FIELD_NAME; next = parser.nextToken()) {
            parser.nextToken();
            parser.skipChildren();
        }
        return true;
    }
}
