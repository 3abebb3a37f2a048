package io.clearance.registry.io;

import static io.clearance.registry.io.CsvLayout.CSV_BOUNDS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.StakeTerms;
import io.clearance.problem.ErrorCode;
import io.clearance.registry.RegistryRejection;
import io.clearance.registry.RegistrySink;
import io.clearance.registry.StakeSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads a registry CSV file ({@link CsvLayout}); a file with the header before V5 reads as before. */
final class CsvRegistryReader {

    private CsvRegistryReader() {}

    static void read(Path file, RegistrySink sink) throws IOException {
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(reader, format)) {
            for (CSVRecord row : parser) {
                try {
                    if (row.get("record").equals("party")) {
                        String nationality = row.get("nationality");
                        sink.party(new PartyInfo(
                                row.get("id"),
                                row.get("name"),
                                PartyKind.valueOf(row.get("kind")),
                                row.get("country"),
                                nationality.isEmpty() ? null : nationality));
                    } else {
                        sink.stake(row.get("owned"), row.get("owner"), csvTerms(row));
                    }
                } catch (RegistryRejection | IllegalArgumentException e) {
                    throw RegistryFile.refused(file, "line " + parser.getCurrentLineNumber(), e);
                }
            }
        }
    }

    private static StakeTerms csvTerms(CSVRecord row) {
        ObjectNode range = JsonNodeFactory.instance.objectNode();
        CSV_BOUNDS.forEach((column, key) -> {
            JsonNode bound = RegistryFile.number(cell(row, column));
            if (bound != null) {
                range.set(key, bound);
            }
        });
        JsonNode percent = RegistryFile.number(cell(row, "percent"));
        if (percent != null && !range.isEmpty()) {
            throw new RegistryRejection(
                    ErrorCode.INVALID_RANGE,
                    "a stake row gives an exact `percent` or a range (`percent_min`, `percent_max`,"
                            + " `percent_at_least`, `percent_at_most`), not both");
        }
        String control = cell(row, "control");
        ArrayNode bases = null;
        if (control != null) {
            bases = JsonNodeFactory.instance.arrayNode();
            for (String name : control.split(";", -1)) {
                bases.add(name.strip());
            }
        }
        return StakeSpec.read(
                range.isEmpty() ? percent : range, bases, text(cell(row, "valid_from")), text(cell(row, "valid_to")));
    }

    /** A cell of an optional column, or null when the column is missing or the cell empty. */
    private static String cell(CSVRecord row, String column) {
        if (!row.isSet(column)) {
            return null;
        }
        String value = row.get(column);
        return value.isEmpty() ? null : value;
    }

    private static JsonNode text(String cell) {
        return cell == null ? null : TextNode.valueOf(cell);
    }
}
