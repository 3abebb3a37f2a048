package io.clearance.api;

import static io.clearance.api.ApiTestSupport.api;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The import endpoint at the path issue 15 documents, {@code /v1/registry/imports}, and at its first path,
 * {@code /v1/imports}, kept as a deprecated alias: both take a file and report the same job; a job of a body
 * of known length reports its bytes read, total, percent and ETA.
 */
@QuarkusTest
class ImportPathsTest {

    private static ExtractableResponse<Response> post(String path, byte[] body) {
        return api().contentType("application/x-ndjson")
                .body(body)
                .when()
                .post(path + "?format=gleif-lei-json")
                .then()
                .statusCode(202)
                .extract();
    }

    private static JsonPath awaitEnd(String path, String id) {
        JsonPath[] job = new JsonPath[1];
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    job[0] = api().when()
                            .get(path + "/" + id)
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
                    String status = job[0].getString("status");
                    return !status.equals("queued") && !status.equals("running");
                });
        return job[0];
    }

    @Test
    void theDocumentedPathReportsBytesPercentAndEta() throws Exception {
        byte[] body = Files.readAllBytes(Path.of("src/test/resources/imports/gleif/lei-golden.json"));
        ExtractableResponse<Response> submitted = post("/v1/registry/imports", body);
        String id = submitted.path("id");
        assertTrue(submitted.header("Location").endsWith("/v1/registry/imports/" + id), submitted.header("Location"));
        assertEquals(body.length, ((Number) submitted.path("bytesTotal")).longValue(), "known from the start");

        JsonPath job = awaitEnd("/v1/registry/imports", id);
        assertEquals("succeeded", job.getString("status"), job::prettify);
        assertEquals(body.length, job.getLong("bytesTotal"));
        assertEquals(body.length, job.getLong("bytesRead"), "the readers took the whole body");
        assertEquals(100.0, job.getDouble("percent"), "all read");
        assertEquals(0, job.getLong("etaSeconds"), "nothing is left once it ended");
    }

    @Test
    void theFirstPathStillWorksAsAnAlias() throws Exception {
        byte[] body = Files.readAllBytes(Path.of("src/test/resources/imports/gleif/lei-golden.json"));
        ExtractableResponse<Response> submitted = post("/v1/imports", body);
        String id = submitted.path("id");
        assertTrue(
                submitted.header("Location").endsWith("/v1/registry/imports/" + id), "points to the documented path");
        JsonPath old = awaitEnd("/v1/imports", id);
        assertEquals("succeeded", old.getString("status"), old::prettify);
        JsonPath current = awaitEnd("/v1/registry/imports", id);
        assertEquals(old.getMap("report"), current.getMap("report"), "one job, seen at either path");
        api().when().get("/v1/imports/nope").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void openApiListsBothAndMarksTheAliasDeprecated() {
        JsonPath document = api().accept("application/json")
                .when()
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Object> documented = document.getMap("paths.'/v1/registry/imports'.post");
        assertNotNull(documented, "POST /v1/registry/imports is documented");
        assertFalse(Boolean.TRUE.equals(documented.get("deprecated")));
        assertNotNull(document.getMap("paths.'/v1/registry/imports/{id}'.get"));
        assertEquals(Boolean.TRUE, document.get("paths.'/v1/imports'.post.deprecated"));
        assertEquals(Boolean.TRUE, document.get("paths.'/v1/imports/{id}'.get.deprecated"));
    }
}
