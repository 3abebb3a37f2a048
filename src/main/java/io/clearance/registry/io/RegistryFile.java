package io.clearance.registry.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.clearance.registry.RegistryData;
import io.clearance.registry.RegistryRejection;
import io.clearance.registry.RegistrySink;
import io.clearance.registry.RegistrySource;
import io.clearance.registry.StakeSpec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
 *   <li>{@code .json} (read only): a Beneficial Ownership Data Standard 0.4 package, see {@link BodsPackageReader}.
 * </ul>
 *
 * One class per format reads it ({@link CsvRegistryReader}, {@link JsonLinesRegistryReader},
 * {@link YamlRegistryReader}, {@link BodsPackageReader}) or writes it ({@link CsvRegistryWriter},
 * {@link JsonLinesRegistryWriter}); this class chooses by the file name. Stake terms are read by
 * {@link StakeSpec} in every format, so a file holds exactly what the API takes; percentages are exact
 * decimals. A refused row names the file and its position.
 */
public final class RegistryFile {

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
    public static RegistryWriter write(Path file) throws IOException {
        RegistryFormat format = RegistryFormat.of(file);
        if (!format.writable()) {
            throw new IllegalArgumentException("`" + file + "`: registry files are written as .csv or .jsonl");
        }
        BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return format == RegistryFormat.CSV ? new CsvRegistryWriter(writer) : new JsonLinesRegistryWriter(writer);
    }

    /** {@code file} as a source to pour into a sink (the bulk import's), read with {@code options}. */
    public static RegistrySource source(Path file, Options options) {
        return sink -> read(file, sink, options);
    }

    /** Reads {@code file} into {@code sink}, parties and stakes in file order. */
    public static List<String> read(Path file, RegistrySink sink) throws IOException {
        return read(file, sink, Options.DEFAULT);
    }

    /**
     * Reads {@code file} into {@code sink}, parties before the stakes that name them.
     *
     * @return notes on what the file held that the registry does not record (BODS only; empty otherwise)
     * @throws IllegalArgumentException naming the file and position of a refused row
     */
    public static List<String> read(Path file, RegistrySink sink, Options options) throws IOException {
        switch (RegistryFormat.of(file)) {
            case CSV -> CsvRegistryReader.read(file, sink);
            case JSONL -> JsonLinesRegistryReader.read(file, sink);
            case YAML -> YamlRegistryReader.read(file, sink);
            case BODS -> {
                return BodsPackageReader.read(file, options.countryIfUnknown(), sink);
            }
        }
        return List.of();
    }

    /** Reads a registry written as data, as the demo registry is. */
    public static RegistryData readData(InputStream in) throws IOException {
        return YamlRegistryReader.readData(in);
    }

    /** {@code registry.csv:12: invalid-range: …}: the position first, then the code where there is one. */
    static IllegalArgumentException refused(Path file, String position, Exception cause) {
        String code = cause instanceof RegistryRejection rejection ? rejection.code() + ": " : "";
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        return new IllegalArgumentException(file.getFileName() + ": " + position + ": " + code + message, cause);
    }

    /** A number from text; text that is no number stays text, for {@link StakeSpec} to refuse by name. */
    static JsonNode number(String cell) {
        if (cell == null) {
            return null;
        }
        try {
            return DecimalNode.valueOf(new BigDecimal(cell));
        } catch (NumberFormatException e) {
            return TextNode.valueOf(cell);
        }
    }
}
