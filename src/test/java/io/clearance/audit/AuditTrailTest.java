package io.clearance.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditTrailTest {

    static final String MAJORITY_RULE =
            "Organisations more than 50% owned by restricted parties are denied restricted actions";

    @Test
    void aDecisionIsLoggedWholeWithItsRequestReasonsAndVersions() {
        AuditFixtures.Group group = AuditFixtures.restrictedGroup();
        var answer = AuditFixtures.decide(
                        "{\"subject\":{\"partyId\":\"" + group.company() + "\"},\"action\":\"api.access\"}")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String id = answer.getString("decisionId");

        given().get("/v1/audit/decisions/{id}", id)
                .then()
                .statusCode(200)
                .body("decisionId", equalTo(id))
                .body("decision", equalTo("DENY"))
                .body("subject", equalTo(group.company()))
                .body("action", equalTo("api.access"))
                .body("request.subject.partyId", equalTo(group.company()))
                .body("request.receivedAt", notNullValue())
                .body("policyVersion", equalTo(answer.getString("policyVersion")))
                .body("registryVersion", equalTo(answer.getInt("registryVersion")))
                .body("rules", contains(MAJORITY_RULE))
                .body("answer.reasons[0].clause", equalTo("3.3"))
                .body(
                        "answer.reasons[0].evidence.restrictedShare",
                        equalTo(65)) // 60% through the holding, 5% held directly by the RU seed
                .body(
                        "answer.reasons[0].evidence.paths[0].parties.partyId",
                        contains(group.seed(), group.holding(), group.company()))
                .body("hash.length()", equalTo(64))
                .body("mac.length()", equalTo(64));

        // The same question again: a new record, the same evidence stored once.
        String again = AuditFixtures.decideId(group.company(), "api.access");
        String evidence =
                given().get("/v1/audit/decisions/{id}", id).then().extract().path("evidenceHash");
        given().get("/v1/audit/decisions/{id}", again)
                .then()
                .body("evidenceHash", equalTo(evidence))
                .body("answer.decisionId", equalTo(again));
    }

    @Test
    void rejectedRequestsAreLoggedWithTheirCodeAndTheIdIsInTheAnswer() {
        String unknown = "nobody-" + System.nanoTime();
        String id = AuditFixtures.decide("{\"subject\":{\"partyId\":\"" + unknown + "\"},\"action\":\"api.access\"}")
                .then()
                .statusCode(422)
                .body("code", equalTo("unknown-party"))
                .extract()
                .header(DecisionAuditor.DECISION_ID_HEADER);
        assertNotNull(id);
        given().get("/v1/audit/decisions/{id}", id)
                .then()
                .statusCode(200)
                .body("decision", equalTo("REJECTED"))
                .body("errorCode", equalTo("unknown-party"))
                .body("httpStatus", equalTo(422))
                .body("subject", equalTo(unknown))
                .body("answer.code", equalTo("unknown-party"));

        String badAction = AuditFixtures.decide(
                        "{\"subject\":{\"partyId\":\"" + unknown + "\"},\"action\":\"api.acess\"}")
                .then()
                .statusCode(400)
                .extract()
                .header(DecisionAuditor.DECISION_ID_HEADER);
        given().get("/v1/audit/decisions/{id}", badAction)
                .then()
                .body("errorCode", equalTo("unknown-action"))
                .body("request.action", equalTo("api.acess"));

        String unreadable = AuditFixtures.decide("{\"subject\": ")
                .then()
                .statusCode(400)
                .extract()
                .header(DecisionAuditor.DECISION_ID_HEADER);
        given().get("/v1/audit/decisions/{id}", unreadable)
                .then()
                .body("errorCode", equalTo("malformed-json"))
                .body("decision", equalTo("REJECTED"));
    }

    @Test
    void searchFiltersAndPagesWithACursorNewestFirst() {
        AuditFixtures.Group group = AuditFixtures.restrictedGroup();
        String deny1 = AuditFixtures.decideId(group.company(), "api.access");
        String permit = AuditFixtures.decideId(group.company(), "publication.read");
        String deny2 = AuditFixtures.decideId(group.company(), "commercial.partnership");

        given().queryParam("partyId", group.company())
                .get("/v1/audit/decisions")
                .then()
                .statusCode(200)
                .body("decisions.decisionId", contains(deny2, permit, deny1));
        given().queryParam("partyId", group.company())
                .queryParam("decision", "DENY")
                .get("/v1/audit/decisions")
                .then()
                .body("decisions.decisionId", contains(deny2, deny1));
        given().queryParam("partyId", group.company())
                .queryParam("action", "publication.read")
                .get("/v1/audit/decisions")
                .then()
                .body("decisions.decisionId", contains(permit));
        given().queryParam("partyId", group.company())
                .queryParam("rule", MAJORITY_RULE)
                .get("/v1/audit/decisions")
                .then()
                .body("decisions.decisionId", contains(deny2, deny1));

        String cursor = given().queryParam("partyId", group.company())
                .queryParam("limit", 2)
                .get("/v1/audit/decisions")
                .then()
                .body("decisions.decisionId", contains(deny2, permit))
                .body("nextCursor", notNullValue())
                .extract()
                .path("nextCursor");
        given().queryParam("partyId", group.company())
                .queryParam("limit", 2)
                .queryParam("cursor", cursor)
                .get("/v1/audit/decisions")
                .then()
                .body("decisions.decisionId", contains(deny1))
                .body("nextCursor", nullValue());
    }

    @Test
    void badInputIsAProblemWithAStableCode() {
        problem(given().queryParam("cursor", "not-a-cursor").get("/v1/audit/decisions"), 400, "invalid-cursor");
        problem(given().queryParam("limit", 0).get("/v1/audit/decisions"), 400, "invalid-limit");
        problem(given().queryParam("decision", "MAYBE").get("/v1/audit/decisions"), 400, "invalid-decision");
        problem(given().queryParam("from", "yesterday").get("/v1/audit/decisions"), 400, "invalid-time");
        problem(
                given().queryParam("from", "2026-11-29")
                        .queryParam("to", "2026-11-28")
                        .get("/v1/audit/decisions"),
                400,
                "invalid-range");
        problem(
                given().queryParam("from", "2026-11-29")
                        .queryParam("to", "2026-11-28")
                        .get("/v1/audit/verify"),
                400,
                "invalid-range");
        problem(given().queryParam("format", "xml").get("/v1/audit/decisions/export"), 400, "invalid-format");
        problem(given().get("/v1/audit/decisions/{id}", "no-such-decision"), 404, "unknown-decision");
        problem(given().post("/v1/audit/decisions/{id}/replay", "no-such-decision"), 404, "unknown-decision");
        String rejected = AuditFixtures.decide("{\"action\":\"api.access\"}")
                .then()
                .statusCode(400)
                .extract()
                .header(DecisionAuditor.DECISION_ID_HEADER);
        problem(given().post("/v1/audit/decisions/{id}/replay", rejected), 409, "not-replayable");
    }

    private static void problem(io.restassured.response.Response response, int status, String code) {
        response.then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("code", equalTo(code));
    }

    @Test
    void exportStreamsTheRangeAsJsonLinesAndCsvWithoutCredentials() throws Exception {
        AuditFixtures.Group group = AuditFixtures.restrictedGroup();
        String from = java.time.Instant.now().minusSeconds(1).toString();
        String secret = "Bearer s3cr3t-" + System.nanoTime();
        String id = given().header("Authorization", secret)
                .contentType(ContentType.JSON)
                .body("{\"subject\":{\"partyId\":\"" + group.company() + "\"},\"action\":\"api.access\"}")
                .post("/v1/decisions")
                .then()
                .statusCode(200)
                .extract()
                .path("decisionId");
        String to = java.time.Instant.now().plusSeconds(1).toString();

        String jsonl = given().queryParam("from", from)
                .queryParam("to", to)
                .queryParam("format", "jsonl")
                .get("/v1/audit/decisions/export")
                .then()
                .statusCode(200)
                .contentType("application/x-ndjson")
                .extract()
                .asString();
        assertTrue(
                jsonl.lines()
                        .anyMatch(
                                line -> line.contains("\"decisionId\":\"" + id + "\"") && line.contains(MAJORITY_RULE)),
                jsonl);
        assertFalse(jsonl.contains("s3cr3t"), "no credential reaches the log");

        String csv = given().queryParam("from", from)
                .queryParam("to", to)
                .queryParam("format", "csv")
                .get("/v1/audit/decisions/export")
                .then()
                .statusCode(200)
                .contentType(containsString("text/csv"))
                .extract()
                .asString();
        List<CSVRecord> rows = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(csv))
                .getRecords();
        Map<String, CSVRecord> byId = new HashMap<>();
        rows.forEach(r -> byId.put(r.get("decisionId"), r));
        CSVRecord row = byId.get(id);
        assertNotNull(row, csv);
        assertEquals("DENY", row.get("decision"));
        assertEquals(group.company(), row.get("subject"));
        assertEquals(MAJORITY_RULE, row.get("rules"));
        assertTrue(row.get("answer").contains("\"restrictedShare\":65"), row.get("answer"));
        assertEquals(64, row.get("hash").length());
        assertFalse(csv.contains("s3cr3t"));
    }

    @Test
    void replayDecidesAgainUnderTheRecordedAndTheActivePolicyAndShowsWhatChanged() {
        AuditFixtures.Group group = AuditFixtures.restrictedGroup();
        String id = AuditFixtures.decideId(group.company(), "api.access");
        String version =
                given().get("/v1/audit/decisions/{id}", id).then().extract().path("policyVersion");

        given().post("/v1/audit/decisions/{id}/replay", id)
                .then()
                .statusCode(200)
                .body("registry", startsWith("the current registry, with the stakes and bans in force at the instant"))
                .body("at", notNullValue())
                .body("recorded.decision", equalTo("DENY"))
                .body("underRecordedPolicy.policyVersion", equalTo(version))
                .body("underRecordedPolicy.decision", equalTo("DENY"))
                .body("underRecordedPolicy.differences", hasSize(0))
                .body("underActivePolicy.decision", equalTo("DENY"));

        // The registry changes: the holding sells down to 40%, so the company is no longer majority-restricted;
        // through look-through it is still held 60% x 40% + 5% = 29%: permitted, with clause 3.4's advice.
        AuditFixtures.given40(group);
        given().post("/v1/audit/decisions/{id}/replay", id)
                .then()
                .statusCode(200)
                .body("underRecordedPolicy.decision", equalTo("PERMIT"))
                .body("underRecordedPolicy.differences", hasItem("decision: DENY then, PERMIT now"))
                .body("underRecordedPolicy.differences", hasItem("no longer decides: " + MAJORITY_RULE));
    }
}
