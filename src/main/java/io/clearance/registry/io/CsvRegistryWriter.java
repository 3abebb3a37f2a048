package io.clearance.registry.io;

import static io.clearance.registry.io.CsvLayout.CSV_BOUNDS;
import static io.clearance.registry.io.CsvLayout.CSV_COLUMNS;
import static io.clearance.registry.io.CsvLayout.CSV_HEADER;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.StakeTerms;
import io.clearance.registry.StakeSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes a registry as CSV ({@link CsvLayout}): a {@code party} row per party, a {@code stake} row per stake. */
final class CsvRegistryWriter implements RegistryWriter {
    private final CSVPrinter printer;

    CsvRegistryWriter(Writer writer) throws IOException {
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
