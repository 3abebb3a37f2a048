package io.clearance.cli;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.api.LargeImportFile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * {@code clearance import --server} against a running server (this test's): the file is uploaded to
 * {@code /v1/registry/imports}, the job followed to its end, and the output shows the progress (upload and
 * import, with percent) and the final counts; a terminal gets the bar drawn in place.
 */
@QuarkusTest
class ServerImportTest {

    @TestHTTPResource("/")
    URL server;

    @Test
    void importsThroughTheServerShowingProgressAndCounts() {
        Path file = Path.of("src/test/resources/imports/gleif/lei-golden.json");
        CliRun run = CliRun.of("import", "--server", server.toString(), "--format", "gleif-lei-json", file.toString());
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        assertFalse(out.contains("\r"), "not a terminal: plain lines, not a redrawn bar");
        assertTrue(out.contains("uploaded 100.0%"), out);
        assertTrue(out.contains("importing: succeeded 100.0%"), out);
        assertTrue(out.contains("succeeded: 6 records read"), out);
        assertTrue(out.contains("imported at registry version "), out);
    }

    @Test
    void aFileLargerThanTheServersOtherBodiesGoesThroughWhole() throws Exception {
        // Three MiB: over the 1 MiB every route but the import upload takes, which refused such a file before.
        Path file = Files.createTempFile("server-import-large-", ".csv");
        try {
            LargeImportFile large = LargeImportFile.write(file, 3L * 1024 * 1024, "CLIL");
            CliRun run = CliRun.of(
                    "import", "--server", server.toString(), "--format", LargeImportFile.FORMAT, file.toString());
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(
                    run.out().contains(String.format(Locale.ROOT, "succeeded: %,d records read", large.records())),
                    run.out());
            given().when().get("/v1/parties/" + large.firstLei()).then().statusCode(200);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void aTerminalGetsABarWithRateAndRefusalsNameTheirField() throws Exception {
        Path file = Files.createTempFile("server-import-", ".csv");
        Files.writeString(
                file,
                "\"LEI\",\"Entity.LegalName\",\"Entity.HeadquartersAddress.Country\"\n"
                        + "\"5493026CLIBARNAME015\",\"\",\"DE\"\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        PrintStream err = System.err;
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = ServerImport.run(server.toString(), null, "gleif-lei-csv", null, file, out, true);
        } finally {
            System.setErr(err);
            Files.deleteIfExists(file);
        }
        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, exit, "a refused record fails the import");
        assertTrue(shown.contains("\ruploaded [##############################] 100.0%"), shown);
        assertTrue(shown.contains("B/s"), "the upload's rate: " + shown);
        assertTrue(shown.contains("records/s"), "the import's rate: " + shown);
        assertTrue(shown.contains("failed: 1 records read"), shown);
        assertTrue(
                errors.toString(StandardCharsets.UTF_8).contains(":2: `Entity.LegalName`: invalid-record:"),
                errors.toString(StandardCharsets.UTF_8));
    }

    @Test
    void durationsAndRatesReadWell() {
        assertEquals("45s", ImportProgress.duration(45));
        assertEquals("1m15s", ImportProgress.duration(75));
        assertEquals("1h06m40s", ImportProgress.duration(4000));
        assertEquals("512 B/s", ImportProgress.byteRate(512));
        assertEquals("2.0 MB/s", ImportProgress.byteRate(2 * 1024 * 1024));
    }
}
