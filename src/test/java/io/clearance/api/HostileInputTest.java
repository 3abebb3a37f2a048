package io.clearance.api;

import static io.clearance.api.ApiTestSupport.PROBLEM_JSON;
import static io.clearance.api.ApiTestSupport.api;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/**
 * Input a hostile or careless client sends (issue 11, items 5 and 6): each answered with a small 4xx
 * problem body with a stable code, before it costs memory, and never with a library's internals.
 */
@QuarkusTest
class HostileInputTest {

    private static ValidatableResponse putStake(String body) {
        return api().body(body)
                .when()
                .put("/v1/parties/{id}/owners/{owner}", "hostile-a", "hostile-b")
                .then();
    }

    private static void smallProblem(ValidatableResponse response, int status, String code) {
        response.statusCode(status)
                .contentType(PROBLEM_JSON)
                .body("code", equalTo(code))
                .body("status", equalTo(status))
                .body(not(containsString("StreamReadConstraints")))
                .body(not(containsString("jackson")))
                .header("Content-Length", notNullValue());
        int length = Integer.parseInt(response.extract().header("Content-Length"));
        org.hamcrest.MatcherAssert.assertThat(length, lessThan(1_000));
    }

    @Test
    void anExponentOfABillionIsRefusedBeforeItIsWrittenOut() {
        // Was an OutOfMemoryError: 26 bytes that expand to a billion digits.
        smallProblem(putStake("{\"percent\": 1e1000000000}"), 400, "number-out-of-range");
    }

    @Test
    void anExponentOfAHundredMillionDoesNotComeBackAsAHundredMegabytes() {
        smallProblem(putStake("{\"percent\": 1e100000000}"), 400, "number-out-of-range");
        smallProblem(putStake("{\"percent\": {\"atLeast\": 1e-100000000}}"), 400, "number-out-of-range");
    }

    @Test
    void aNumberLongerThanAnyShareIsRefusedWithoutTheLibrarysWords() {
        smallProblem(putStake("{\"percent\": 1" + "0".repeat(500) + "}"), 400, "number-out-of-range");
    }

    @Test
    void aReasonableExponentStillReadsAsTheNumberItIs() {
        // 5e1 is 50: the limit is on magnitude, not on notation; the party is unknown, so 404 from the registry.
        putStake("{\"percent\": 5e1}").statusCode(404).body("code", equalTo("unknown-party"));
    }

    @Test
    void aFieldGivenTwiceIsRefusedAndTheRefusalIsLogged() {
        // Last-wins would turn the reseller check off with `"onBehalfOf": null` after the real one.
        ValidatableResponse response = api().body(
                        "{\"subject\": {\"partyId\": \"spree-analytics\"}, \"action\": \"api.access\","
                                + " \"onBehalfOf\": {\"partyId\": \"acme-cn\"}, \"onBehalfOf\": null}")
                .when()
                .post("/v1/decisions")
                .then();
        smallProblem(response, 400, "duplicate-field");
        response.body("detail", containsString("`onBehalfOf`")).header("Clearance-Decision-Id", notNullValue());
    }

    @Test
    void aFieldGivenTwiceInsideAValueIsRefusedToo() {
        smallProblem(putStake("{\"percent\": {\"atLeast\": 10, \"atLeast\": 90}}"), 400, "duplicate-field");
    }

    @Test
    void deepNestingIsRefusedAtTheLimit() {
        String deep = "[".repeat(JsonSettings.MAX_INPUT_DEPTH + 1) + "]".repeat(JsonSettings.MAX_INPUT_DEPTH + 1);
        smallProblem(putStake("{\"percent\": " + deep + "}"), 400, "nesting-too-deep");
    }

    @Test
    void aLimitThatIsNotANumberIsAnInvalidLimitNotANotFound() {
        smallProblem(api().when().get("/v1/audit/decisions?limit=abc").then(), 400, "invalid-limit");
    }

    @Test
    void anyQueryParameterOfTheWrongTypeIsABadRequest() {
        smallProblem(api().when().get("/v1/policy?history=abc").then(), 400, "invalid-parameter");
    }

    @Test
    void aBodyAboveTheLimitGetsAProblemBody() {
        String body = "{\"name\": \"" + "x".repeat(1_100_000) + "\"}";
        smallProblem(api().body(body).when().put("/v1/parties/hostile-big").then(), 413, "body-too-large");
    }

    @Test
    void aUriAboveTheLimitGetsAProblemBody() {
        smallProblem(given().when().get("/v1/parties/" + "a".repeat(5_000)).then(), 414, "uri-too-long");
    }

    @Test
    void headersAboveTheLimitGetAProblemBody() {
        smallProblem(
                given().header("X-Padding", "p".repeat(20_000))
                        .when()
                        .get("/v1/policy")
                        .then(),
                431,
                "headers-too-large");
    }
}
