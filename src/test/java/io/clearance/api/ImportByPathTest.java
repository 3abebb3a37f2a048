package io.clearance.api;

import static io.clearance.api.ApiTestSupport.api;
import static io.clearance.api.ApiTestSupport.assertProblem;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.registry.identity.Leis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An operator's import by server-side {@code path}: a file under {@code clearance.import.directory} is imported and
 * left in place; nothing outside the directory can be named, whether by an absolute path, by {@code ..} or through a
 * link under the directory that points out of it.
 */
@QuarkusTest
@TestProfile(OperatorImportProfile.class)
class ImportByPathTest {

    private static String entity(String lei) {
        return "{\"LEI\": \"" + lei + "\", \"Entity\": {\"LegalName\": \"By Path " + lei
                + "\", \"HeadquartersAddress\": {\"Country\": \"DE\"}}}\n";
    }

    private static ValidatableResponse submit(String path) {
        return api().contentType("application/json")
                .queryParam("format", "gleif-lei-json")
                .queryParam("path", path)
                .when()
                .post(ImportResource.PATH)
                .then();
    }

    @Test
    void aFileUnderTheDirectoryIsImportedAndKept() throws Exception {
        String lei = Leis.fresh();
        Path file = Files.writeString(OperatorImportProfile.DIRECTORY.resolve("entities.jsonl"), entity(lei));
        String id = submit("entities.jsonl").statusCode(202).extract().path("id");
        JsonPath[] job = new JsonPath[1];
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    job[0] = api().when()
                            .get(ImportResource.PATH + "/" + id)
                            .then()
                            .extract()
                            .jsonPath();
                    return job[0].getString("status").equals("succeeded")
                            || job[0].getString("status").equals("failed");
                });
        assertEquals("succeeded", job[0].getString("status"), job[0]::prettify);
        api().when().get("/v1/parties/" + lei).then().statusCode(200);
        assertTrue(Files.exists(file), "the operator's file is theirs: not deleted");
    }

    @Test
    void nothingOutsideTheDirectoryCanBeNamed() throws Exception {
        // A file of good records outside the directory: were it read, its party would appear.
        String lei = Leis.fresh();
        Path outside = Files.createTempDirectory("clearance-outside").resolve("secret.jsonl");
        Files.writeString(outside, entity(lei));
        Path link = OperatorImportProfile.DIRECTORY.resolve("link.jsonl");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, outside);
        Files.createDirectories(OperatorImportProfile.DIRECTORY.resolve("sub"));

        assertProblem(submit(outside.toString()), 400, "import-path-refused");
        assertProblem(submit("../" + outside.getParent().getFileName() + "/secret.jsonl"), 400, "import-path-refused");
        assertProblem(submit("link.jsonl"), 400, "import-path-refused");
        assertProblem(submit("sub"), 400, "import-path-refused");
        assertProblem(submit("missing.jsonl"), 400, "import-path-refused");
        api().when().get("/v1/parties/" + lei).then().statusCode(404);
    }
}
