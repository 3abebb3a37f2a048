package io.clearance.api;

import static io.clearance.api.ApiTestSupport.api;
import static io.clearance.api.ImportResourceTest.imported;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A file with a bad record, in each format beside GLEIF's ({@link ImportResourceTest}): the job fails, reports each
 * bad record by line, and the good records before it are not in the registry either.
 */
@QuarkusTest
class ImportBadFilesTest {

    private static void absent(String party) {
        api().when().get("/v1/parties/{id}", party).then().statusCode(404);
    }

    @Test
    void aBadPscSnapshotChangesNothing() throws Exception {
        JsonPath job = imported("uk-psc", "uk-psc/psc-bad.jsonl");
        assertEquals("failed", job.getString("status"), job::prettify);
        assertEquals(List.of(2, 3), job.getList("report.rejections.line"));
        assertEquals(2, job.getInt("report.rejected"));
        absent("gb-coh:10000009");
        absent("gb-coh:10000010");
    }

    @Test
    void aBadBodsFileChangesNothing() {
        String good = "ent-bad-good-" + UUID.randomUUID();
        String lines = "{\"statementId\": \"b-1\", \"statementDate\": \"2026-01-01\", \"recordId\": \"" + good
                + "\", \"recordType\": \"entity\", \"recordStatus\": \"new\", \"recordDetails\": {\"entityType\":"
                + " {\"type\": \"registeredEntity\"}, \"name\": \"Good Entity\", \"jurisdiction\": {\"code\": \"DE\"}}}\n"
                + "{\"statementId\": \"b-2\", \"statementDate\": \"2026-02-30\", \"recordId\": \"ent-bad-date\","
                + " \"recordType\": \"entity\", \"recordStatus\": \"new\", \"recordDetails\": {\"entityType\":"
                + " {\"type\": \"registeredEntity\"}, \"name\": \"Bad Date\", \"jurisdiction\": {\"code\": \"DE\"}}}\n";
        JsonPath job = imported("bods", lines.getBytes(StandardCharsets.UTF_8));
        assertEquals("failed", job.getString("status"), job::prettify);
        assertEquals(List.of(2), job.getList("report.rejections.line"));
        assertEquals("/statementDate", job.getString("report.rejections[0].field"));
        absent(good);
    }

    @Test
    void aBadOpenSanctionsFileChangesNothing() {
        String good = "bad-good-" + UUID.randomUUID();
        String lines = "{\"id\": \"" + good + "\", \"schema\": \"Company\", \"properties\": {\"name\": [\"Good Co\"],"
                + " \"jurisdiction\": [\"de\"]}}\n"
                + "{\"schema\": \"Company\", \"properties\": {\"name\": [\"No Id\"], \"jurisdiction\": [\"de\"]}}\n";
        JsonPath job = imported("opensanctions", lines.getBytes(StandardCharsets.UTF_8));
        assertEquals("failed", job.getString("status"), job::prettify);
        assertEquals(List.of(2), job.getList("report.rejections.line"));
        assertEquals("/id", job.getString("report.rejections[0].field"));
        absent("os:" + good);
    }
}
