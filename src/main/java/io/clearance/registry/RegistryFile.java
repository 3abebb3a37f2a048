package io.clearance.registry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.StakeTerms;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * A whole registry in one file, parties first and then stakes, as {@code clearance generate} writes it
 * and {@code clearance import} reads it. The format follows the file name:
 *
 * <ul>
 *   <li>{@code .csv}: header {@code record,id,name,kind,country,nationality,owned,owner,percent,percent_min,
 *       percent_max,percent_at_least,percent_at_most,control,valid_from,valid_to}; a {@code party} row fills
 *       the party columns, a {@code stake} row the rest. {@code percent} is an exact share;
 *       {@code percent_min}/{@code percent_max} (exclusive) and {@code percent_at_least}/{@code percent_at_most}
 *       (inclusive) a range instead; {@code control} lists wire names separated by {@code ;}. A file with
 *       the header before V5 (up to {@code percent}) reads as before;
 *   <li>{@code .jsonl} or {@code .ndjson}: one object a line, {@code {"record":"party","id":…,"name":…,"kind":…,
 *       "country":…}} or {@code {"record":"stake","owned":…,"owner":…,"percent":12.5}} with the stake
 *       fields of the HTTP contract ({@code percent} a number or a range object, {@code control},
 *       {@code validFrom}, {@code validTo}); a percentage written as text, as before V5, still reads;
 *   <li>{@code .yaml} or {@code .yml} (read only): {@code parties:} and {@code stakes:} as the demo registry
 *       and scenario files write them;
 *   <li>{@code .json} (read only): a Beneficial Ownership Data Standard 0.4 package, see {@link BodsPackage}.
 * </ul>
 *
 * Stake terms are read by {@link StakeSpec} in every format, so a file holds exactly what the API takes;
 * percentages are exact decimals. A refused row names the file and its position.
 */
public final class RegistryFile {

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

    private static final List<String> CSV_COLUMNS = List.of(CSV_HEADER);

    /** The CSV range columns and the range keys of the HTTP contract they stand for. */
    private static final Map<String, String> CSV_BOUNDS = Map.of(
            "percent_min", "min",
            "percent_max", "max",
            "percent_at_least", "atLeast",
            "percent_at_most", "atMost");

    private static final Set<String> JSONL_PARTY_FIELDS =
            Set.of("record", "id", "name", "kind", "country", "nationality");
    private static final Set<String> JSONL_STAKE_FIELDS =
            Set.of("record", "owned", "owner", "percent", "control", "validFrom", "validTo");

    /** The formats, told apart by the file name. */
    public enum Format {
        CSV,
        JSONL,
        YAML,
        BODS;

        public static Format of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".csv")) {
                return CSV;
            }
            if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
                return JSONL;
            }
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                return YAML;
            }
            if (name.endsWith(".json")) {
                return BODS;
            }
            throw new IllegalArgumentException("`" + file + "` ends in none of .csv, .jsonl, .ndjson, .yaml, .json");
        }

        /** Whether {@link #write} can produce this format; YAML and BODS are only read. */
        public boolean writable() {
            return this == CSV || this == JSONL;
        }
    }

    /**
     * How to read what a file leaves open.
     *
     * @param countryIfUnknown for a BODS package: the country of a party whose statements name none, or
     *     {@code null} to refuse such a package
     */
    public record Options(String countryIfUnknown) {
        public static final Options DEFAULT = new Options(null);
    }

    private RegistryFile() {}

    /** A sink that writes what it receives to {@code file} (.csv or .jsonl); close it to flush. */
    public static Output write(Path file) throws IOException {
        Format format = Format.of(file);
        if (!format.writable()) {
            throw new IllegalArgumentException("`" + file + "`: registry files are written as .csv or .jsonl");
        }
        BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return format == Format.CSV ? new CsvOutput(writer) : new JsonlOutput(writer);
    }

    /** Reads {@code file} into {@code sink}, parties and stakes in file order. */
    public static List<String> read(Path file, SyntheticRegistry.Sink sink) throws IOException {
        return read(file, sink, Options.DEFAULT);
    }

    /**
     * Reads {@code file} into {@code sink}, parties before the stakes that name them.
     *
     * @return notes on what the file held that the registry does not record (BODS only; empty otherwise)
     * @throws IllegalArgumentException naming the file and position of a refused row
     */
    public static List<String> read(Path file, SyntheticRegistry.Sink sink, Options options) throws IOException {
        switch (Format.of(file)) {
            case CSV -> readCsv(file, sink);
            case JSONL -> readJsonl(file, sink);
            case YAML -> readYaml(file, sink);
            case BODS -> {
                return BodsPackage.read(file, options.countryIfUnknown(), sink);
            }
        }
        return List.of();
    }

    /** Reads a registry written as data, as the demo registry is. */
    public static RegistryData readData(InputStream in) throws IOException {
        // Decimals as written: 33.333333 must not pass through a double; a misspelt key is an error.
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return yaml.readValue(in, RegistryData.class);
    }

    private static void readCsv(Path file, SyntheticRegistry.Sink sink) throws IOException {
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
                    throw refused(file, "line " + parser.getCurrentLineNumber(), e);
                }
            }
        }
    }

    private static StakeTerms csvTerms(CSVRecord row) {
        ObjectNode range = JsonNodeFactory.instance.objectNode();
        CSV_BOUNDS.forEach((column, key) -> {
            JsonNode bound = number(cell(row, column));
            if (bound != null) {
                range.set(key, bound);
            }
        });
        JsonNode percent = number(cell(row, "percent"));
        if (percent != null && !range.isEmpty()) {
            throw new RegistryRejection(
                    RegistryRejection.Kind.INVALID,
                    StakeSpec.INVALID_RANGE,
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

    /** A number from text; text that is no number stays text, for {@link StakeSpec} to refuse by name. */
    private static JsonNode number(String cell) {
        if (cell == null) {
            return null;
        }
        try {
            return DecimalNode.valueOf(new BigDecimal(cell));
        } catch (NumberFormatException e) {
            return TextNode.valueOf(cell);
        }
    }

    private static JsonNode text(String cell) {
        return cell == null ? null : TextNode.valueOf(cell);
    }

    private static void readJsonl(Path file, SyntheticRegistry.Sink sink) throws IOException {
        ObjectMapper json = new ObjectMapper()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode row = json.readTree(line);
                    if (row.path("record").asText().equals("party")) {
                        onlyFields(row, JSONL_PARTY_FIELDS);
                        JsonNode nationality = row.path("nationality");
                        sink.party(new PartyInfo(
                                row.path("id").asText(),
                                row.path("name").asText(),
                                PartyKind.valueOf(row.path("kind").asText()),
                                row.path("country").asText(),
                                nationality.isTextual() ? nationality.asText() : null));
                    } else {
                        onlyFields(row, JSONL_STAKE_FIELDS);
                        JsonNode percent = row.get("percent");
                        if (percent != null && percent.isTextual()) {
                            // Files written before V5 hold the percentage as text.
                            percent = number(percent.asText());
                        }
                        sink.stake(
                                row.path("owned").asText(),
                                row.path("owner").asText(),
                                StakeSpec.read(percent, row.get("control"), row.get("validFrom"), row.get("validTo")));
                    }
                } catch (RegistryRejection | IllegalArgumentException | IOException e) {
                    throw refused(file, "line " + number, e);
                }
            }
        }
    }

    private static void onlyFields(JsonNode row, Set<String> allowed) {
        for (Iterator<String> names = row.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("field `" + name + "` is not part of a `"
                        + row.path("record").asText() + "` record");
            }
        }
    }

    private static void readYaml(Path file, SyntheticRegistry.Sink sink) throws IOException {
        RegistryData data;
        try (InputStream in = Files.newInputStream(file)) {
            data = readData(in);
        }
        int index = 0;
        for (RegistryData.PartyData party : data.parties()) {
            try {
                sink.party(party.toInfo());
            } catch (RegistryRejection | IllegalArgumentException | NullPointerException e) {
                throw refused(file, "parties[" + index + "]", e);
            }
            index++;
        }
        index = 0;
        for (RegistryData.StakeData stake : data.stakes()) {
            try {
                sink.stake(stake.owned(), stake.owner(), stake.terms());
            } catch (RegistryRejection | IllegalArgumentException e) {
                throw refused(file, "stakes[" + index + "]", e);
            }
            index++;
        }
    }

    /** {@code registry.csv:12: invalid-range: …}: the position first, then the code where there is one. */
    static IllegalArgumentException refused(Path file, String position, Exception cause) {
        String code = cause instanceof RegistryRejection rejection ? rejection.code() + ": " : "";
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        return new IllegalArgumentException(file.getFileName() + ": " + position + ": " + code + message, cause);
    }

    /** A registry file being written. */
    public interface Output extends SyntheticRegistry.Sink, Closeable {}

    private static final class CsvOutput implements Output {
        private final CSVPrinter printer;

        CsvOutput(Writer writer) throws IOException {
            printer = new CSVPrinter(
                    writer, CSVFormat.RFC4180.builder().setHeader(CSV_HEADER).get());
        }

        @Override
        public void party(PartyInfo party) {
            Object[] row = emptyRow("party");
            set(row, "id", party.id());
            set(row, "name", party.name());
            set(row, "kind", party.kind().name());
            set(row, "country", party.country());
            set(row, "nationality", party.nationality());
            print(row);
        }

        @Override
        public void stake(String ownedId, String ownerId, StakeTerms terms) {
            Object[] row = emptyRow("stake");
            set(row, "owned", ownedId);
            set(row, "owner", ownerId);
            Object percent = StakeSpec.percent(terms);
            if (percent instanceof BigDecimal exact) {
                set(row, "percent", exact.toPlainString());
            } else if (percent instanceof Map<?, ?> range) {
                CSV_BOUNDS.forEach((column, key) -> {
                    if (range.get(key) instanceof BigDecimal bound) {
                        set(row, column, bound.toPlainString());
                    }
                });
            }
            List<String> control = StakeSpec.control(terms);
            set(row, "control", control == null ? null : String.join(";", control));
            set(row, "valid_from", StakeSpec.instantText(terms.validFrom()));
            set(row, "valid_to", StakeSpec.instantText(terms.validTo()));
            print(row);
        }

        private static Object[] emptyRow(String record) {
            Object[] row = new Object[CSV_HEADER.length];
            Arrays.fill(row, "");
            row[0] = record;
            return row;
        }

        private static void set(Object[] row, String column, String value) {
            if (value != null) {
                row[CSV_COLUMNS.indexOf(column)] = value;
            }
        }

        private void print(Object[] values) {
            try {
                printer.printRecord(values);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            printer.close();
        }
    }

    private static final class JsonlOutput implements Output {
        private final Writer writer;
        private final JsonGenerator json;

        JsonlOutput(Writer writer) throws IOException {
            this.writer = writer;
            // One root value a line: the generator separates root values with the newline.
            this.json = new JsonFactory()
                    .createGenerator(writer)
                    .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                    .setRootValueSeparator(new SerializedString("\n"));
        }

        @Override
        public void party(PartyInfo party) {
            try {
                json.writeStartObject();
                json.writeStringField("record", "party");
                json.writeStringField("id", party.id());
                json.writeStringField("name", party.name());
                json.writeStringField("kind", party.kind().name());
                json.writeStringField("country", party.country());
                if (party.nationality() != null) {
                    json.writeStringField("nationality", party.nationality());
                }
                json.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void stake(String ownedId, String ownerId, StakeTerms terms) {
            try {
                json.writeStartObject();
                json.writeStringField("record", "stake");
                json.writeStringField("owned", ownedId);
                json.writeStringField("owner", ownerId);
                Object percent = StakeSpec.percent(terms);
                if (percent instanceof BigDecimal exact) {
                    json.writeNumberField("percent", exact);
                } else if (percent instanceof Map<?, ?> range) {
                    json.writeObjectFieldStart("percent");
                    for (Map.Entry<?, ?> bound : range.entrySet()) {
                        json.writeNumberField((String) bound.getKey(), (BigDecimal) bound.getValue());
                    }
                    json.writeEndObject();
                }
                List<String> control = StakeSpec.control(terms);
                if (control != null) {
                    json.writeArrayFieldStart("control");
                    for (String basis : control) {
                        json.writeString(basis);
                    }
                    json.writeEndArray();
                }
                String from = StakeSpec.instantText(terms.validFrom());
                if (from != null) {
                    json.writeStringField("validFrom", from);
                }
                String to = StakeSpec.instantText(terms.validTo());
                if (to != null) {
                    json.writeStringField("validTo", to);
                }
                json.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            json.flush();
            writer.write('\n');
            json.close();
        }
    }
}
