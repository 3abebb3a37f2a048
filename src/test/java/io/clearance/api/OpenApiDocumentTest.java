package io.clearance.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /q/openapi} as a client generator reads it: every status an operation answers, errors as
 * problem+json, and no schema of the server's insides (Qute's templates, its engine, Java's atomics).
 */
@QuarkusTest
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private static JsonNode document;

    @BeforeEach
    void read() throws IOException {
        if (document != null) {
            return;
        }
        String json = given().queryParam("format", "json")
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        document = new ObjectMapper().readTree(json);
    }

    @Test
    void aDecisionListsEveryStatusItAnswers() {
        JsonNode responses = document.at("/paths/~1v1~1decisions/post/responses");
        for (String status : List.of("200", "400", "401", "403", "413", "415", "422", "503")) {
            assertTrue(responses.has(status), "POST /v1/decisions lacks " + status + ": " + responses);
            if (!status.equals("200")) {
                assertEquals(
                        "#/components/schemas/Problem",
                        responses
                                .at("/" + status + "/content/application~1problem+json/schema/$ref")
                                .asText(),
                        status);
            }
        }
    }

    @Test
    void everyOperationListsItsAuthenticationBodyAndServerStatuses() {
        List<String> missing = new ArrayList<>();
        document.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                    if (!METHODS.contains(op.getKey())) {
                        return;
                    }
                    JsonNode operation = op.getValue();
                    Set<String> expected = new TreeSet<>(List.of("500", "503"));
                    if (!path.getKey().startsWith("/.well-known/")) {
                        expected.addAll(List.of("401", "403"));
                    }
                    if (operation.has("requestBody")) {
                        expected.addAll(List.of("400", "413", "415"));
                    }
                    for (String status : expected) {
                        if (!operation.path("responses").has(status)) {
                            missing.add(op.getKey().toUpperCase() + " " + path.getKey() + " " + status);
                        }
                    }
                }));
        assertEquals(List.of(), missing);
    }

    @Test
    void noSchemaShowsTheServersInsidesAndEveryReferenceResolves() {
        JsonNode schemas = document.at("/components/schemas");
        for (String internal : List.of("Template", "TemplateInstance", "EngineImpl", "AtomicLong", "Expression")) {
            assertFalse(schemas.has(internal), internal + " is in the document");
        }
        Matcher refs = Pattern.compile("\"\\$ref\"\\s*:\\s*\"#/components/schemas/([^\"]+)\"")
                .matcher(document.toString());
        List<String> dangling = new ArrayList<>();
        while (refs.find()) {
            if (!schemas.has(refs.group(1))) {
                dangling.add(refs.group(1));
            }
        }
        assertEquals(List.of(), dangling);
        assertTrue(schemas.has("Problem"));
    }

    @Test
    void pagesAnswerText() {
        JsonNode page = document.at("/paths/~1audit/get/responses/200/content/text~1html/schema");
        assertEquals("string", page.path("type").asText(), page.toString());
    }
}
