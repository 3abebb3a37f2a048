package io.clearance.api;

import static io.clearance.api.ApiTestSupport.api;
import static io.clearance.api.ApiTestSupport.assertProblem;
import static io.clearance.api.ApiTestSupport.createParty;
import static io.clearance.api.ApiTestSupport.decide;
import static io.clearance.api.ApiTestSupport.putStake;
import static io.clearance.api.ApiTestSupport.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Imports of published registries into the running server over {@code /v1/registry/imports}: each format's fixtures
 * go in and decide as expected (a subsidiary over 50% through a Chinese parent is denied), a delta updates
 * and closes, a bad file is refused by line and changes nothing, a source of higher precedence is kept, the
 * import is in the change log, and decisions are answered throughout an import.
 */
@QuarkusTest
class ImportResourceTest {

    static final String CN = "5493001DRAGONGATE044";
    static final String DE = "5493002RHEINANALY037";
    static final String FR_BRANCH = "5493003DRAGONPARI074";
    static final String US = "5493004EAGLEDATA0076";
    static final String NL = "5493006TULIPTRADE089";

    @Inject
    DataSource dataSource;

    static JsonPath imported(String format, String fixture) throws IOException {
        return imported(format, Files.readAllBytes(Path.of("src/test/resources/imports", fixture)));
    }

    static JsonPath imported(String format, byte[] body) {
        // The media types a cross-site form cannot send (RequestGuard): CSV, JSON Lines, JSON.
        String type = format.endsWith("-csv") ? "text/csv" : "application/x-ndjson";
        String id = api().contentType(type)
                .body(body)
                .when()
                .post(ImportResource.PATH + "?format=" + format)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        JsonPath[] done = new JsonPath[1];
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    JsonPath job = api().when()
                            .get(ImportResource.PATH + "/" + id)
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
                    done[0] = job;
                    return !job.getString("status").equals("queued")
                            && !job.getString("status").equals("running");
                });
        return done[0];
    }

    static String decision(String party) {
        return decide(party).extract().path("decision");
    }

    @Test
    void gleifGoldenCopyThenADeltaThatUpdatesAndCloses() throws Exception {
        assertEquals(
                "succeeded", imported("gleif-lei-json", "gleif/lei-golden.json").getString("status"));
        JsonPath relationships = imported("gleif-rr-json", "gleif/rr-golden.json");
        assertEquals("succeeded", relationships.getString("status"));
        assertEquals(1, relationships.getInt("report.skipped.'fund relationships (IS_FUND-MANAGED_BY)'"));

        assertEquals("DENY", decision(DE), "consolidated by a Chinese parent");
        assertEquals("DENY", decision(FR_BRANCH), "a branch shares its head office's status");
        assertEquals("PERMIT", decision(US));
        assertEquals("PERMIT", decision(NL), "an inactive relationship holds no more");
        assertEquals(List.of("gleif", CN, "2026-11-01"), provenance("party", "id = '" + CN + "'"));
        assertEquals(
                List.of("gleif", DE + "/IS_ULTIMATELY_CONSOLIDATED_BY/" + CN, "2026-11-01"),
                provenance("stake", "owned_id = '" + DE + "' and owner_id = '" + CN + "'"));

        JsonPath delta = imported("gleif-rr-json", "gleif/rr-delta-24h.json");
        assertEquals("succeeded", delta.getString("status"));
        assertEquals(1, delta.getInt("report.stakesClosed"), "the ultimate record stated the stake last: it closes it");
        assertEquals("PERMIT", decision(DE), "the delta closed the consolidation on 2026-11-15");
        imported("gleif-lei-json", "gleif/lei-delta-24h.json");
        api().when().get("/v1/parties/" + US).then().statusCode(200).body("name", equalTo("Eagle Data Holdings Inc."));

        // The change log attributes every import.
        api().when()
                .get("/v1/audit/changes?action=registry.import")
                .then()
                .statusCode(200)
                .body("changes.after.source", hasItem("gleif"));
    }

    @Test
    void gleifCsvAndAStakeTypedThroughTheApiOutranksTheImport() throws Exception {
        assertEquals(
                "succeeded", imported("gleif-lei-csv", "gleif/lei-golden.csv").getString("status"));
        String italy = "5493008VENETOSRL0083";
        String jade = "5493007JADERIVER0080";
        putStake(italy, jade, "30").statusCode(201);
        JsonPath relationships = imported("gleif-rr-csv", "gleif/rr-golden.csv");
        assertEquals("succeeded", relationships.getString("status"));
        assertEquals(1, relationships.getInt("report.kept.'kept from api'"), "the API ranks first by default");
        assertEquals("PERMIT", decision(italy), "30% typed through the API, not GLEIF's consolidation");
        assertEquals("api", provenance("stake", "owned_id = '" + italy + "'").get(0));
        assertEquals("PERMIT", decision("5493009LIONCITY00048"), "consolidated by a Swiss parent");

        // The same file again changes no party or stake.
        List<String> before = provenance("stake", "owned_id = '5493009LIONCITY00048'");
        assertEquals(
                "succeeded", imported("gleif-rr-csv", "gleif/rr-golden.csv").getString("status"));
        assertEquals(before, provenance("stake", "owned_id = '5493009LIONCITY00048'"));
    }

    @Test
    void aBadFileIsRefusedByLineAndChangesNothing() throws Exception {
        JsonPath job = imported("gleif-lei-json", "gleif/lei-bad.jsonl");
        assertEquals("failed", job.getString("status"));
        assertEquals(2, job.getInt("report.rejected"));
        assertEquals(List.of(2, 3), job.getList("report.rejections.line"));
        assertEquals("invalid-country", job.getString("report.rejections[1].code"));
        // Line 1 was good, and is not in the registry either: the import is one transaction.
        assertProblem(api().when().get("/v1/parties/5493011GOODCO000069").then(), 404, "unknown-party");
        assertEquals(List.of(), provenance("party", "name = 'Good Co'"));

        assertProblem(
                api().contentType("application/json")
                        .body("{}")
                        .when()
                        .post(ImportResource.PATH + "?format=xml")
                        .then(),
                400,
                "unknown-import-format");
        assertProblem(api().when().get(ImportResource.PATH + "/nope").then(), 404, "unknown-import");
        assertProblem(
                api().contentType("application/json")
                        .body("x")
                        .when()
                        .post(ImportResource.PATH + "?format=bods&path=/etc/passwd")
                        .then(),
                400,
                "import-path-refused");
    }

    @Test
    void ukPscSnapshot() throws Exception {
        JsonPath job = imported("uk-psc", "uk-psc/psc-snapshot.jsonl");
        assertEquals("succeeded", job.getString("status"));
        assertEquals("DENY", decision("gb-coh:10000001"), "75-100% held by a Chinese company");
        assertEquals("DENY", decision("gb-coh:10000003"), "over 50% held by that company");
        assertEquals("PERMIT", decision("gb-coh:10000004"), "the Chinese holder ceased in 2024");
        assertEquals("PERMIT", decision("gb-coh:10000002"));
        assertTrue(job.getList("report.unaccounted.company").contains("gb-coh:10000002"));
        assertEquals("75", job.getString("report.unaccounted.find { it.company == 'gb-coh:10000002' }.atMost"));
    }

    @Test
    void openSanctionsEntities() throws Exception {
        JsonPath job = imported("opensanctions", "opensanctions/entities.ftm.jsonl");
        assertEquals("succeeded", job.getString("status"), () -> job.prettify());
        assertEquals(1, job.getInt("report.skipped.'FollowTheMoney Directorship'"));
        assertEquals("DENY", decision("os:os-uk-sub"), "51.5% held by a Chinese company, listed before it");
        assertEquals("PERMIT", decision("os:os-nl-co"));
    }

    @Test
    void bodsStatementsStreamed() throws Exception {
        assertEquals("succeeded", imported("bods", "bods/kiel-robotics.jsonl").getString("status"));
        assertEquals("DENY", decision("ent-bods-de"), "updated from 40% to 60%");
        assertEquals("PERMIT", decision("ent-bods-gb"), "closed in 2025");
        assertEquals(List.of("bods", "rel-de-cn", "2025-03-01"), provenance("stake", "owned_id = 'ent-bods-de'"));
    }

    @Test
    void decisionsAreAnsweredWhileAnImportRuns() throws Exception {
        String parent = createParty(unique("serving-cn"), "COMPANY", "CN");
        String child = createParty(unique("serving-de"), "COMPANY", "DE");
        putStake(child, parent, "60").statusCode(201);
        StringBuilder lines = new StringBuilder();
        String prefix = unique("load").replace("-", "").toUpperCase();
        for (int i = 0; i < 8_000; i++) {
            lines.append("{\"LEI\": \"")
                    .append(prefix)
                    .append(i)
                    .append("\", \"Entity\": {\"LegalName\": \"Load ")
                    .append(i)
                    .append("\", \"HeadquartersAddress\": {\"Country\": \"DE\"}}}\n");
        }
        AtomicBoolean importing = new AtomicBoolean(true);
        List<String> answers = new ArrayList<>();
        List<Long> versions = new ArrayList<>();
        Thread decisions = new Thread(() -> {
            while (importing.get()) {
                var answer = api().body("{\"subject\": {\"partyId\": \"" + child + "\"}, \"action\": \"api.access\"}")
                        .when()
                        .post("/v1/decisions")
                        .then()
                        .extract();
                answers.add(answer.statusCode() + " " + answer.path("decision"));
                versions.add(((Number) answer.path("registryVersion")).longValue());
            }
        });
        decisions.start();
        JsonPath job;
        try {
            job = imported("gleif-lei-json", lines.toString().getBytes());
        } finally {
            importing.set(false);
            decisions.join();
        }
        assertEquals("succeeded", job.getString("status"));
        assertEquals(8_000, job.getInt("report.partiesWritten"));
        assertFalse(answers.isEmpty());
        assertTrue(answers.stream().allMatch("200 DENY"::equals), () -> String.valueOf(answers));
        for (int i = 1; i < versions.size(); i++) {
            assertTrue(versions.get(i) >= versions.get(i - 1), "the registry version never goes back");
        }
        api().when().get("/v1/parties/" + prefix + "7999").then().statusCode(200);
    }

    /** The provenance columns of the one row {@code where} selects, or none. */
    private List<String> provenance(String table, String where) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select source, source_record_id, source_as_of from " + table + " where " + where);
                ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                return List.of();
            }
            List<String> values = new ArrayList<>();
            values.add(row.getString(1));
            values.add(row.getString(2));
            values.add(row.getString(3));
            return values;
        }
    }
}
