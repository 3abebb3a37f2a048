package io.clearance.registry.io;

import io.clearance.problem.ErrorCode;
import io.clearance.registry.ImportReport;
import io.clearance.registry.ImportWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * What every streaming reader shares: CSV rows one at a time with Apache Commons CSV, and the rule that a
 * record the registry cannot take is refused in the report with its position, and the reading goes on, so
 * that one import lists every bad record at once.
 */
final class ImportRecords {

    private ImportRecords() {}

    /** Runs {@code step} for the current record; a refusal goes to the report under the record's position. */
    static void guarded(ImportReport report, Runnable step) {
        try {
            step.run();
        } catch (UncheckedIOException | ImportWriter.ImportFailure e) {
            throw e; // the database or the stream failed, not the record: the import stops
        } catch (RuntimeException e) {
            report.reject(e);
        }
    }

    /**
     * Hands each CSV row (header first) to {@code row} with the header's column positions, read once: a row
     * copied into a map by name ({@code CSVRecord.toMap}) costs a hash map of every column (GLEIF's CSV has
     * hundreds) per row, and was most of the parse time.
     */
    static void csvRows(InputStream in, ImportReport report, BiConsumer<CSVRecord, Map<String, Integer>> row)
            throws IOException {
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .get();
        try (CSVParser parser = CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8), format)) {
            Map<String, Integer> header = parser.getHeaderMap();
            for (CSVRecord record : parser) {
                row.accept(record, header);
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            report.reject(0, null, ErrorCode.MALFORMED_FILE, "not CSV: " + e.getMessage());
        }
    }

    /** The line a CSV row starts on: its number after the header; a quoted line break shifts it. */
    static long line(CSVRecord record) {
        return record.getRecordNumber() + 1;
    }
}
