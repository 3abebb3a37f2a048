package io.clearance.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README's demo decisions answer exactly the JSON recorded under {@code src/test/resources/golden/}: the
 * same fields in the same order with the same values, once the parts that change from run to run (decision
 * id, time, policy and registry versions) are masked. Refactoring must leave these bytes alone; a change of
 * the contract shows here first, and is made on purpose by rewriting a file
 * ({@code -Dgolden.write=true} rewrites them all from the running server, to be read before committing).
 *
 * <p>The text is compared, not a tree: Jackson's field order is part of what clients see.
 */
@QuarkusTest
@TestProfile(DemoRegistryTest.Demo.class)
class GoldenDecisionsTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final List<String> MASKED = List.of("decisionId", "decidedAt", "policyVersion", "registryVersion");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static List<String[]> decisions() {
        return List.of(
                new String[] {
                    "spree-analytics", "{\"subject\": {\"partyId\": \"spree-analytics\"}, \"action\": \"api.access\"}"
                },
                new String[] {
                    "spree-analytics-before-ban",
                    "{\"subject\": {\"partyId\": \"spree-analytics\"}, \"action\": \"api.access\","
                            + " \"at\": \"2025-06-01T00:00:00Z\"}"
                },
                new String[] {"harbor-ai", "{\"subject\": {\"partyId\": \"harbor-ai\"}, \"action\": \"api.access\"}"},
                new String[] {"mei-chen", "{\"subject\": {\"partyId\": \"mei-chen\"}, \"action\": \"api.access\"}"},
                new String[] {
                    "cloudbridge-for-spree",
                    "{\"subject\": {\"partyId\": \"cloudbridge-resellers\"}, \"action\": \"api.access\","
                            + " \"onBehalfOf\": {\"partyId\": \"spree-analytics\"}}"
                },
                new String[] {
                    "dragon-publication-read",
                    "{\"subject\": {\"partyId\": \"dragon-holdings\"}, \"action\": \"publication.read\"}"
                },
                new String[] {
                    "fjall-robotics", "{\"subject\": {\"partyId\": \"fjall-robotics\"}, \"action\": \"api.access\"}"
                },
                new String[] {
                    "lion-city-partnership",
                    "{\"subject\": {\"partyId\": \"lion-city-holdings\"}, \"action\": \"commercial.partnership\"}"
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void theDemoDecisionAnswersItsGoldenJson(String name, String body) throws IOException {
        String answer = given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/v1/decisions")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String actual = masked(answer);
        Path file = GOLDEN.resolve(name + ".json");
        if (Boolean.getBoolean("golden.write")) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, name);
    }

    /** The answer pretty-printed in its own field order, with what changes from run to run masked. */
    private static String masked(String answer) throws IOException {
        JsonNode tree = JSON.readTree(answer);
        for (String field : MASKED) {
            if (tree.has(field)) {
                ((ObjectNode) tree).put(field, "<masked>");
            }
        }
        return JSON.writeValueAsString(tree) + "\n";
    }
}
