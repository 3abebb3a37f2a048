package io.clearance.api;

import io.clearance.registry.identity.Leis;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A GLEIF LEI CSV file of a given size, written by the test that uploads it (never committed): entities with
 * valid LEIs (ISO 17442 check digits) and long legal names, so that a few MiB are a few thousand records.
 *
 * @param file where it was written
 * @param records how many entities it holds
 * @param firstLei the LEI of its first entity, a party once it is imported
 */
public record LargeImportFile(Path file, int records, String firstLei) {

    public static final String FORMAT = "gleif-lei-csv";

    /** Writes at least {@code bytes} bytes of entities into {@code file}; {@code tag} keeps its LEIs apart. */
    public static LargeImportFile write(Path file, long bytes, String tag) throws IOException {
        String filler = "Registry Upload Test Holdings ".repeat(6);
        int records = 0;
        long written = 0;
        String first = null;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            String head = "\"LEI\",\"Entity.LegalName\",\"Entity.HeadquartersAddress.Country\"\n";
            out.write(head);
            written += head.length();
            while (written < bytes) {
                String lei = lei(tag, records);
                first = first == null ? lei : first;
                String row = "\"" + lei + "\",\"" + filler + tag + " " + records + " Ltd\",\"DE\"\n";
                out.write(row);
                written += row.length();
                records++;
            }
        }
        return new LargeImportFile(file, records, first);
    }

    /** 18 characters (a 4-letter tag and a number), then the two ISO 7064 MOD 97-10 check digits. */
    static String lei(String tag, int n) {
        return Leis.withCheckDigits(
                (tag.toUpperCase(Locale.ROOT) + "XXXX").substring(0, 4) + String.format("%014d", n));
    }
}
