package io.clearance.registry;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.registry.io.ImportFormat;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Import jobs beyond the formats ({@code ImportResourceTest} has those): the job table answers for a job
 * after a restart and fails one a restart interrupted, whose transaction left nothing; registry writes and
 * decisions go on while an import reads (proved with a named pipe the test holds open, so the import cannot
 * end before they do); and a decision's evidence names the source of each stake it used.
 */
@QuarkusTest
class ImportJobsTest {

    static final String CN = "5493001DRAGONGATE044";
    static final String DE = "5493002RHEINANALY037";

    @Inject
    ImportJobs jobs;

    @Inject
    ImportJobStore store;

    @Inject
    DataSource dataSource;

    @Test
    void aJobIsKeptInTheTableAsItWasShown() throws Exception {
        String id = submit("gleif-lei-json", "gleif/lei-golden.json");
        JsonPath live = awaitEnd(id);
        assertEquals("succeeded", live.getString("status"));

        // What a restarted server answers from: the row, not the job this server still holds.
        ImportJob.View kept = store.find(id).orElseThrow();
        assertEquals("succeeded", kept.status());
        assertEquals("gleif-lei-json", kept.format());
        assertEquals("gleif", kept.source());
        assertEquals(live.getLong("registryVersion"), kept.registryVersion());
        assertEquals(live.getLong("report.partiesWritten"), kept.report().partiesWritten());
        assertEquals(live.getLong("report.recordsRead"), kept.report().recordsRead());
    }

    @Test
    void aJobARestartInterruptedIsFailedAndLeftNothing() throws Exception {
        String party = "interrupted-" + UUID.randomUUID().toString().substring(0, 8);
        ImportJob job = new ImportJob(UUID.randomUUID().toString(), ImportFormat.GLEIF_LEI_JSON, "test", 100L);
        job.started();
        store.save(job);
        // The import had staged and merged its party when the server stopped: its transaction never committed.
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (ImportWriter writer = new ImportWriter(connection, new ImportPrecedence(null), job.report())) {
                writer.party(
                        new PartyInfo(party, "Interrupted Ltd", PartyKind.COMPANY, "DE", null),
                        new Provenance("gleif", party, null));
                writer.finish();
                connection.rollback(); // what the database does to the transaction of a connection that died
            }
            connection.setAutoCommit(true);
        }

        jobs.onStart(null); // the next start

        JsonPath shown = api().when()
                .get("/v1/registry/imports/" + job.id())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("failed", shown.getString("status"));
        assertEquals(ImportJobStore.INTERRUPTED, shown.getString("failure"));
        api().when().get("/v1/parties/" + party).then().statusCode(404);
    }

    @Test
    void writesAndDecisionsGoOnWhileAnImportReads() throws Exception {
        String parent = party("reading-cn", "CN");
        String child = party("reading-de", "DE");
        stake(child, parent, "60");
        String prefix = "READ" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Path pipe = Files.createTempDirectory("clearance-import-pipe").resolve("lei.jsonl");
        assertEquals(0, new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor());
        ImportJob job =
                jobs.submit(ImportFormat.GLEIF_LEI_JSON, pipe, true, ImportFormat.Options.DEFAULT, "test", done -> {});
        try (OutputStream file = new FileOutputStream(pipe.toFile())) {
            file.write(entity(prefix + "0").getBytes(StandardCharsets.UTF_8));
            file.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> job.report().recordsRead() >= 1);

            // The import holds its file open: everything below happens while it runs.
            String other = party("reading-sg", "SG");
            stake(child, other, "10");
            String decision = api().body(Map.of("subject", Map.of("partyId", child), "action", "api.access"))
                    .when()
                    .post("/v1/decisions")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("decision");
            assertEquals("DENY", decision);
            assertEquals(ImportJob.Status.RUNNING, job.status(), "the import cannot end before its file does");
            // What it read so far is staged, not in the registry: no reader sees half an import.
            api().when().get("/v1/parties/" + prefix + "0").then().statusCode(404);

            file.write(entity(prefix + "1").getBytes(StandardCharsets.UTF_8));
        }
        JsonPath done = awaitEnd(job.id());
        assertEquals("succeeded", done.getString("status"), done::prettify);
        assertEquals(2, done.getInt("report.partiesWritten"));
        api().when().get("/v1/parties/" + prefix + "1").then().statusCode(200);
        // The write made during the import survived the graph's switch to the imported state.
        assertEquals(
                2,
                api().when()
                        .get("/v1/parties/" + child + "/owners")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("ownerId")
                        .size());
        Files.deleteIfExists(pipe);
    }

    @Test
    void evidenceNamesTheSourceOfEachStake() throws Exception {
        assertEquals(
                "succeeded",
                awaitEnd(submit("gleif-lei-json", "gleif/lei-golden.json")).getString("status"));
        assertEquals(
                "succeeded",
                awaitEnd(submit("gleif-rr-json", "gleif/rr-golden.json")).getString("status"));
        JsonPath imported = decide(DE);
        assertEquals("DENY", imported.getString("decision"));
        Map<String, Object> source = imported.getMap("reasons[0].evidence.restrictedOwners[0].source");
        assertEquals(
                Map.of(
                        "source",
                        "gleif",
                        "recordId",
                        DE + "/IS_ULTIMATELY_CONSOLIDATED_BY/" + CN,
                        "asOf",
                        "2026-11-01"),
                source,
                imported::prettify);

        String parent = party("typed-cn", "CN");
        String child = party("typed-de", "DE");
        stake(child, parent, "60");
        JsonPath typed = decide(child);
        assertEquals("DENY", typed.getString("decision"));
        assertEquals(parent, typed.getString("reasons[0].evidence.restrictedOwners[0].partyId"));
        assertNull(typed.get("reasons[0].evidence.restrictedOwners[0].source"), "typed: no source");
    }

    @Test
    void aStakeNamingAnUnknownPartyIsRefusedByLineAndNothingLands() throws Exception {
        String header = Files.readAllLines(Path.of("src/test/resources/imports/gleif/rr-golden.csv"))
                .get(0);
        String known =
                "\"5493009LIONCITY00048\",\"LEI\",\"5493010ALPINEAG00044\",\"LEI\",\"IS_DIRECTLY_CONSOLIDATED_BY\","
                        + "\"2021-01-01T00:00:00Z\",\"\",\"RELATIONSHIP_PERIOD\",\"\",\"\",\"\",\"ACTIVE\",\"2021-02-01T00:00:00Z\","
                        + "\"2026-10-01T00:00:00Z\",\"PUBLISHED\",\"FULLY_CORROBORATED\"";
        String file =
                header + "\n" + known.replace("5493009LIONCITY00048", "5493099NOBODY0000001") + "\n" + known + "\n";
        assertEquals(
                "succeeded",
                awaitEnd(submit("gleif-lei-csv", "gleif/lei-golden.csv")).getString("status"));
        String id = api().contentType("text/csv")
                .body(file.getBytes(StandardCharsets.UTF_8))
                .when()
                .post("/v1/registry/imports?format=gleif-rr-csv")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        JsonPath job = awaitEnd(id);
        assertEquals("failed", job.getString("status"), job::prettify);
        assertEquals(1, job.getInt("report.rejected"));
        assertEquals(2, job.getInt("report.rejections[0].line"));
        assertEquals("unknown-party", job.getString("report.rejections[0].code"));
        assertTrue(job.getString("report.rejections[0].message").contains("5493099NOBODY0000001"));
    }

    private static RequestSpecification api() {
        return given().contentType(ContentType.JSON);
    }

    private static String submit(String format, String fixture) throws Exception {
        return api().contentType("application/x-ndjson")
                .body(Files.readAllBytes(Path.of("src/test/resources/imports", fixture)))
                .when()
                .post("/v1/registry/imports?format=" + format)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
    }

    private static JsonPath awaitEnd(String id) {
        JsonPath[] job = new JsonPath[1];
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    job[0] = api().when()
                            .get("/v1/registry/imports/" + id)
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
                    String status = job[0].getString("status");
                    return !status.equals("queued") && !status.equals("running");
                });
        return job[0];
    }

    private static JsonPath decide(String party) {
        return api().body(Map.of("subject", Map.of("partyId", party), "action", "api.access"))
                .when()
                .post("/v1/decisions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static String party(String prefix, String country) {
        String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        api().body(Map.of("name", id, "kind", "COMPANY", "country", country))
                .when()
                .put("/v1/parties/" + id)
                .then()
                .statusCode(201);
        return id;
    }

    private static void stake(String owned, String owner, String percent) {
        api().body("{\"percent\": " + percent + "}")
                .when()
                .put("/v1/parties/" + owned + "/owners/" + owner)
                .then()
                .statusCode(201);
    }

    private static String entity(String lei) {
        return "{\"LEI\": \"" + lei + "\", \"Entity\": {\"LegalName\": \"Read " + lei
                + "\", \"HeadquartersAddress\": {\"Country\": \"DE\"}}}\n";
    }
}
