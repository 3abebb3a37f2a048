package io.clearance.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;

/**
 * What the HTTP contract tests share: requests that read JSON numbers as exact decimals, helpers that
 * build a registry through the API, and the check every error body must pass.
 *
 * <p>Ids carry a random suffix because every {@code @QuarkusTest} class of a run shares one database.
 */
final class ApiTestSupport {

    static final String PROBLEM_JSON = "application/problem+json";

    /** The bundled rules that decide most test cases, by name (the name is what a reason carries). */
    static final String OWNERSHIP_RULE =
            "Organisations more than 50% owned by restricted parties are denied restricted actions";

    static final String REVIEW_RULE =
            "Organisations held 25% or more through look-through by restricted parties are flagged for review";

    static final String DEFAULT_RULE = "Requests no restriction applies to are permitted";

    private ApiTestSupport() {}

    /** A suffix that keeps one test's parties apart from every other test's in the shared database. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A request whose JSON numbers come back as {@link BigDecimal}: a float would turn 50.000001 into
     * 50.000004 and hide the very off-by-a-millionth errors these tests look for.
     */
    static RequestSpecification api() {
        return given().config(RestAssured.config()
                        .jsonConfig(RestAssured.config()
                                .getJsonConfig()
                                .numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL)))
                .contentType(ContentType.JSON);
    }

    static Map<String, Object> partyBody(String name, String kind, String country, String nationality) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("kind", kind);
        body.put("country", country);
        if (nationality != null) {
            body.put("nationality", nationality);
        }
        return body;
    }

    static ValidatableResponse putParty(String id, Map<String, Object> body) {
        return api().body(body).when().put("/v1/parties/{id}", id).then();
    }

    /** Creates an organisation or individual and insists it was new. */
    static String createParty(String id, String kind, String country, String nationality) {
        putParty(id, partyBody("Party " + id, kind, country, nationality)).statusCode(201);
        return id;
    }

    static String createParty(String id, String kind, String country) {
        return createParty(id, kind, country, null);
    }

    static ValidatableResponse getParty(String id) {
        return api().when().get("/v1/parties/{id}", id).then();
    }

    /** {@code percent} is written into the JSON as is, so that tests control its exact spelling. */
    static ValidatableResponse putStakeJson(String ownedId, String ownerId, String json) {
        return api().body(json)
                .when()
                .put("/v1/parties/{id}/owners/{ownerId}", ownedId, ownerId)
                .then();
    }

    static ValidatableResponse putStake(String ownedId, String ownerId, String percent) {
        return putStakeJson(ownedId, ownerId, "{\"percent\": " + percent + "}");
    }

    /** Sets a stake and insists it was accepted (created or replaced). */
    static void setStake(String ownedId, String ownerId, String percent) {
        int status = putStake(ownedId, ownerId, percent).extract().statusCode();
        if (status != 200 && status != 201) {
            throw new AssertionError(
                    "stake " + ownerId + " -> " + ownedId + " (" + percent + "%) was refused with " + status);
        }
    }

    static ValidatableResponse owners(String ownedId) {
        return api().when().get("/v1/parties/{id}/owners", ownedId).then();
    }

    /** Posts a decision request as given (a map, or JSON text to control its exact spelling). */
    static ValidatableResponse postDecision(Object body) {
        return api().body(body).when().post("/v1/decisions").then();
    }

    /** Decides {@code api.access} for {@code subject} and insists on an answer. */
    static ValidatableResponse decide(String subject) {
        return decide(subject, "api.access");
    }

    static ValidatableResponse decide(String subject, String action) {
        return postDecision(Map.of("subject", Map.of("partyId", subject), "action", action))
                .statusCode(200)
                .body("decision", notNullValue());
    }

    static ValidatableResponse decide(String subject, String action, String onBehalfOf) {
        return postDecision(Map.of(
                        "subject",
                        Map.of("partyId", subject),
                        "action",
                        action,
                        "onBehalfOf",
                        Map.of("partyId", onBehalfOf)))
                .statusCode(200)
                .body("decision", notNullValue());
    }

    /**
     * The shape every error must have: problem details with the expected status and stable code, and
     * nothing of the implementation leaking out.
     */
    static ValidatableResponse assertProblem(ValidatableResponse response, int status, String code) {
        return response.statusCode(status)
                .header("Content-Type", startsWith(PROBLEM_JSON))
                .body("type", notNullValue())
                .body("title", notNullValue())
                .body("status", equalTo(status))
                .body("code", equalTo(code))
                .body("detail", notNullValue())
                .body(not(containsString("Exception")))
                .body(not(containsString("at io.")));
    }

    /** Matches a JSON number by value, whatever its Java type: {@code decimal("60")} matches 60 and 60.0. */
    static Matcher<Object> decimal(String expected) {
        BigDecimal want = new BigDecimal(expected);
        return new CustomTypeSafeMatcher<>("a number equal to " + expected) {
            @Override
            protected boolean matchesSafely(Object actual) {
                return actual instanceof Number number && new BigDecimal(number.toString()).compareTo(want) == 0;
            }
        };
    }
}
