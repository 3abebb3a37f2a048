package io.clearance.registry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.ownership.Share;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * A whole registry in one file, parties first and then stakes, as {@code clearance generate} writes it
 * and {@code clearance import} reads it. The format follows the file name:
 *
 * <ul>
 *   <li>{@code .csv}: header {@code record,id,name,kind,country,nationality,owned,owner,percent}; a
 *       {@code party} row fills the first five, a {@code stake} row the last three;
 *   <li>{@code .jsonl}: one object a line, {@code {"record":"party","id":…,"name":…,"kind":…,"country":…}}
 *       or {@code {"record":"stake","owned":…,"owner":…,"percent":"12.5"}}.
 * </ul>
 *
 * Percentages are exact decimals written as text, as the registry stores them.
 */
public final class RegistryFile {

    static final String[] CSV_HEADER = {
        "record", "id", "name", "kind", "country", "nationality", "owned", "owner", "percent"
    };

    /** The two formats, told apart by the file name. */
    public enum Format {
        CSV,
        JSONL;

        public static Format of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".csv")) {
                return CSV;
            }
            if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
                return JSONL;
            }
            throw new IllegalArgumentException("`" + file + "` ends in neither .csv nor .jsonl");
        }
    }

    private RegistryFile() {}

    /** A sink that writes what it receives to {@code file}; close it to flush. */
    public static Output write(Path file) throws IOException {
        BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return Format.of(file) == Format.CSV ? new CsvOutput(writer) : new JsonlOutput(writer);
    }

    /** Reads {@code file} into {@code sink}, parties and stakes in file order. */
    public static void read(Path file, SyntheticRegistry.Sink sink) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            if (Format.of(file) == Format.CSV) {
                CSVFormat format = CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get();
                try (CSVParser parser = CSVParser.parse(reader, format)) {
                    for (CSVRecord row : parser) {
                        if (row.get("record").equals("party")) {
                            String nationality = row.get("nationality");
                            sink.party(new PartyInfo(
                                    row.get("id"),
                                    row.get("name"),
                                    PartyKind.valueOf(row.get("kind")),
                                    row.get("country"),
                                    nationality.isEmpty() ? null : nationality));
                        } else {
                            sink.stake(row.get("owned"), row.get("owner"), Share.fromPercent(row.get("percent")));
                        }
                    }
                }
                return;
            }
            ObjectMapper json = new ObjectMapper();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = json.readTree(line);
                if (row.path("record").asText().equals("party")) {
                    JsonNode nationality = row.path("nationality");
                    sink.party(new PartyInfo(
                            row.path("id").asText(),
                            row.path("name").asText(),
                            PartyKind.valueOf(row.path("kind").asText()),
                            row.path("country").asText(),
                            nationality.isTextual() ? nationality.asText() : null));
                } else {
                    sink.stake(
                            row.path("owned").asText(),
                            row.path("owner").asText(),
                            Share.fromPercent(row.path("percent").asText()));
                }
            }
        }
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
            print(
                    "party",
                    party.id(),
                    party.name(),
                    party.kind().name(),
                    party.country(),
                    party.nationality() == null ? "" : party.nationality(),
                    "",
                    "",
                    "");
        }

        @Override
        public void stake(String ownedId, String ownerId, long share) {
            print(
                    "stake",
                    "",
                    "",
                    "",
                    "",
                    "",
                    ownedId,
                    ownerId,
                    Share.toPercent(share).toPlainString());
        }

        private void print(Object... values) {
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
            this.json = new JsonFactory().createGenerator(writer).setRootValueSeparator(new SerializedString("\n"));
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
        public void stake(String ownedId, String ownerId, long share) {
            try {
                json.writeStartObject();
                json.writeStringField("record", "stake");
                json.writeStringField("owned", ownedId);
                json.writeStringField("owner", ownerId);
                json.writeStringField("percent", Share.toPercent(share).toPlainString());
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
