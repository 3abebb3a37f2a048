package io.clearance.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The audit filters as an auditor reads them: a day in {@code to} is the whole day, an instant is exact, a
 * clause finds the decisions citing it, a caller those it asked, and export writes exactly what search finds.
 */
@QuarkusTest
class AuditFiltersTest {

    @Test
    void aDayInToIsTheWholeDayAndAnInstantIsExact() {
        AuditFixtures.Group group = AuditFixtures.restrictedGroup();
        String id = AuditFixtures.decideId(group.company(), "api.access");
        Instant at = Instant.parse(given().get("/v1/audit/decisions/{id}", id).path("decidedAt"));
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);

        assertEquals(
                List.of(id), ids(Map.of("partyId", group.company(), "from", day.toString(), "to", day.toString())));
        assertEquals(List.of(id), ids(Map.of("partyId", group.company(), "to", day.toString())));
        assertEquals(
                List.of(),
                ids(Map.of("partyId", group.company(), "to", day.minusDays(1).toString())));
        assertEquals(
                List.of(),
                ids(Map.of("partyId", group.company(), "from", day.plusDays(1).toString())));

        assertEquals(List.of(id), ids(Map.of("partyId", group.company(), "from", at.toString(), "to", at.toString())));
        assertEquals(
                List.of(),
                ids(Map.of(
                        "partyId",
                        group.company(),
                        "to",
                        at.minus(1, ChronoUnit.MICROS).toString())));
        assertEquals(
                List.of(),
                ids(Map.of(
                        "partyId",
                        group.company(),
                        "from",
                        at.plus(1, ChronoUnit.MICROS).toString())));
    }

    @Test
    void aTimeThatIsNeitherADateNorAnInstantSaysWhichAreTaken() {
        for (String path : List.of("/v1/audit/decisions", "/v1/audit/decisions/export", "/v1/audit/verify")) {
            given().queryParam("from", "yesterday")
                    .get(path)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("code", equalTo("invalid-time"))
                    .body("detail", containsString("a date such as `2026-11-28`"))
                    .body("detail", containsString("or an instant"));
        }
    }

    @Test
    void aClauseFindsTheDecisionsWhoseReasonsCiteIt() {
        AuditFixtures.Group group = AuditFixtures.restrictedGroup();
        String denied = AuditFixtures.decideId(group.company(), "api.access");
        String clean = cleanParty();
        String permitted = AuditFixtures.decideId(clean, "api.access");
        // The denial's deciding rule implements clause 3.3 (AuditTrailTest reads it from the answer).
        assertEquals("3.3", given().get("/v1/audit/decisions/{id}", denied).path("answer.reasons[0].clause"));
        String permitClause = given().get("/v1/audit/decisions/{id}", permitted).path("answer.reasons[0].clause");

        assertEquals(List.of(denied), ids(Map.of("partyId", group.company(), "clause", "3.3")));
        assertEquals(List.of(), ids(Map.of("partyId", clean, "clause", "3.3")));
        assertEquals(List.of(permitted), ids(Map.of("partyId", clean, "clause", permitClause)));
        // A clause is a whole number, not a prefix: `3` cites no decision of the group.
        assertEquals(List.of(), ids(Map.of("partyId", group.company(), "clause", "3")));

        given().queryParam("clause", "3.3%")
                .get("/v1/audit/decisions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("invalid-clause"));
    }

    @Test
    void aCallerFindsTheDecisionsItAsked() {
        // Authentication is off in this profile, so every caller is logged under one name (`local`).
        String clean = cleanParty();
        String id = AuditFixtures.decideId(clean, "api.access");
        String caller = given().get("/v1/audit/decisions/{id}", id).path("caller");

        assertEquals(List.of(id), ids(Map.of("partyId", clean, "caller", caller)));
        assertEquals(List.of(), ids(Map.of("partyId", clean, "caller", "key:nobody")));
        assertEquals(List.of(), ids(Map.of("partyId", clean, "caller", "nobody")));
    }

    @Test
    void exportWritesExactlyWhatSearchFinds() {
        AuditFixtures.Group group = AuditFixtures.restrictedGroup();
        String denied = AuditFixtures.decideId(group.company(), "api.access");
        String other = AuditFixtures.decideId(group.company(), "publication.read");
        String day = LocalDate.ofInstant(
                        Instant.parse(
                                given().get("/v1/audit/decisions/{id}", denied).path("decidedAt")),
                        ZoneOffset.UTC)
                .toString();

        List<Map<String, String>> queries = List.of(
                Map.of("partyId", group.company()),
                Map.of("partyId", group.company(), "decision", "DENY"),
                Map.of("partyId", group.company(), "decision", "PERMIT"),
                Map.of("partyId", group.company(), "action", "publication.read"),
                Map.of("partyId", group.company(), "clause", "3.3"),
                Map.of("partyId", group.company(), "caller", "local"),
                Map.of("partyId", group.company(), "to", day),
                Map.of("partyId", group.company(), "rule", AuditTrailTest.MAJORITY_RULE));
        for (Map<String, String> query : queries) {
            List<String> searched = ids(query);
            List<String> exported = exportedIds(query);
            assertEquals(searched, exported, "export of " + query);
        }
        assertEquals(List.of(denied), exportedIds(Map.of("partyId", group.company(), "decision", "DENY")));
        assertEquals(List.of(denied, other), exportedIds(Map.of("partyId", group.company())));
    }

    /** Decision ids of the search, oldest first (the order export writes in). */
    static List<String> ids(Map<String, String> query) {
        List<String> newestFirst = given().queryParams(query)
                .queryParam("limit", 500)
                .get("/v1/audit/decisions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("decisions.decisionId");
        List<String> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    static List<String> exportedIds(Map<String, String> query) {
        String body = given().queryParams(new LinkedHashMap<>(query))
                .queryParam("format", "jsonl")
                .get("/v1/audit/decisions/export")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return body.lines()
                .filter(line -> !line.isBlank())
                .map(line -> JsonPath.from(line).getString("decisionId"))
                .toList();
    }

    /** A company in a country no rule restricts, owned by nobody. */
    private static String cleanParty() {
        String id = "clean-" + UUID.randomUUID().toString().substring(0, 8);
        AuditFixtures.party(id, "Clean Company " + id, "DE");
        return id;
    }
}
