package io.clearance.api;

import static io.clearance.api.ApiTestSupport.assertProblem;
import static io.clearance.api.ApiTestSupport.createParty;
import static io.clearance.api.ApiTestSupport.decimal;
import static io.clearance.api.ApiTestSupport.owners;
import static io.clearance.api.ApiTestSupport.putStakeJson;
import static io.clearance.api.ApiTestSupport.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clearance.registry.RegistryService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stakes beyond an exact percentage over HTTP: BODS-style ranges, control without a percentage, and the
 * dates a stake is in force. Each shape goes in, comes back in the same shape, is stored in the V5 columns,
 * and survives a reload of the graph; each bad input is refused with its own code and changes nothing; the
 * 100% rule counts minimums, exclusive bounds and overlapping validity.
 */
@QuarkusTest
class StakeTermsResourceTest {

    @Inject
    DataSource dataSource;

    @Inject
    RegistryService registry;

    // ---- Shapes that go in and come back -------------------------------------------------------

    @Test
    void aRangeWithExclusiveBoundsComesBackAsARange() {
        Pair pair = new Pair();
        pair.put("{\"percent\": {\"min\": 25, \"max\": 50}}")
                .statusCode(201)
                .body("ownerId", equalTo(pair.owner))
                .body("percent.min", decimal("25"))
                .body("percent.max", decimal("50"))
                .body("percent", not(hasKey("atLeast")))
                .body("$", not(hasKey("control")))
                .body("$", not(hasKey("validFrom")))
                .body("$", not(hasKey("validTo")));
        owners(pair.owned)
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].percent.min", decimal("25"))
                .body("[0].percent.max", decimal("50"));
    }

    @Test
    void theBodyComesBackAsTheReadmeShowsIt() {
        Pair pair = new Pair();
        String body = pair.put(
                        "{\"percent\": {\"min\": 25}, \"control\": [\"board-appointment\"], \"validFrom\": \"2024-01-01\"}")
                .statusCode(201)
                .extract()
                .asString();
        assertEquals(
                "{\"ownedId\":\"" + pair.owned + "\",\"ownerId\":\"" + pair.owner + "\",\"ownerName\":\"Party "
                        + pair.owner + "\",\"percent\":{\"min\":25,\"atMost\":100},\"control\":[\"board-appointment\"],"
                        + "\"validFrom\":\"2024-01-01T00:00:00Z\"}",
                body);
    }

    @Test
    void inclusiveBoundsAndTheDefaultsOfAMissingSideAreWrittenOut() {
        Pair pair = new Pair();
        pair.put("{\"percent\": {\"atLeast\": 10.5, \"atMost\": 20}}")
                .statusCode(201)
                .body("percent.atLeast", decimal("10.5"))
                .body("percent.atMost", decimal("20"));
        // A missing upper bound is 100 inclusive, a missing lower bound 0 inclusive.
        pair.put("{\"percent\": {\"min\": 25}}")
                .statusCode(200)
                .body("percent.min", decimal("25"))
                .body("percent.atMost", decimal("100"));
        pair.put("{\"percent\": {\"max\": 10}}")
                .statusCode(200)
                .body("percent.atLeast", decimal("0"))
                .body("percent.max", decimal("10"));
    }

    @Test
    void equalInclusiveBoundsAreAnExactShare() {
        Pair pair = new Pair();
        pair.put("{\"percent\": {\"atLeast\": 30, \"atMost\": 30}}")
                .statusCode(201)
                .body("percent", decimal("30"));
    }

    @Test
    void controlWithoutAPercentageHasNoPercent() {
        Pair pair = new Pair();
        pair.put("{\"control\": [\"consolidation\"]}")
                .statusCode(201)
                .body("$", not(hasKey("percent")))
                .body("control", contains("consolidation"));
        owners(pair.owned).body("[0].control", contains("consolidation")).body("[0]", not(hasKey("percent")));
    }

    @Test
    void controlBesideAPercentageListsEveryBasisInAFixedOrder() {
        Pair pair = new Pair();
        pair.put("{\"percent\": 10, \"control\": [\"other-influence\", \"consolidation\", \"board-appointment\"]}")
                .statusCode(201)
                .body("percent", decimal("10"))
                .body("control", contains("consolidation", "board-appointment", "other-influence"));
    }

    @Test
    void datesComeBackAsInstantsInUtc() {
        Pair pair = new Pair();
        pair.put("{\"percent\": 60, \"validFrom\": \"2023-01-01\", \"validTo\": \"2025-06-30T12:00:00+02:00\"}")
                .statusCode(201)
                .body("percent", decimal("60"))
                .body("validFrom", equalTo("2023-01-01T00:00:00Z"))
                .body("validTo", equalTo("2025-06-30T10:00:00Z"));
        owners(pair.owned)
                .body("[0].validFrom", equalTo("2023-01-01T00:00:00Z"))
                .body("[0].validTo", equalTo("2025-06-30T10:00:00Z"));
        // Either end may stay open.
        pair.put("{\"percent\": 60, \"validTo\": \"2025-01-01T00:00:00Z\"}")
                .statusCode(200)
                .body("$", not(hasKey("validFrom")))
                .body("validTo", equalTo("2025-01-01T00:00:00Z"));
    }

    @Test
    void aReplacementReplacesEveryTerm() throws Exception {
        Pair pair = new Pair();
        pair.put("{\"percent\": {\"min\": 25, \"max\": 50}, \"control\": [\"consolidation\"],"
                        + " \"validFrom\": \"2020-01-01\", \"validTo\": \"2030-01-01\"}")
                .statusCode(201);
        pair.put("{\"percent\": 40}")
                .statusCode(200)
                .body("percent", decimal("40"))
                .body("$", not(hasKey("control")))
                .body("$", not(hasKey("validFrom")))
                .body("$", not(hasKey("validTo")));
        assertEquals(List.of("40.000000", "null", "false", "null", "false", "null", "null", "null"), row(pair));
    }

    @Test
    void theV5ColumnsHoldEachShapeAndTheGraphReloadsThem() throws Exception {
        Pair range = new Pair();
        range.put("{\"percent\": {\"atLeast\": 25, \"max\": 50}, \"validFrom\": \"2023-01-01\"}")
                .statusCode(201);
        assertEquals(
                List.of("null", "25.000000", "false", "50.000000", "true", "null", "2023-01-01T00:00Z", "null"),
                row(range));
        Pair control = new Pair();
        control.put("{\"control\": [\"board-appointment\", \"consolidation\"], \"validTo\": \"2030-01-01\"}")
                .statusCode(201);
        assertEquals(
                List.of(
                        "null",
                        "null",
                        "false",
                        "null",
                        "false",
                        "consolidation,board-appointment",
                        "null",
                        "2030-01-01T00:00Z"),
                row(control));
        // The start-up load reads the same columns for every stake of the registry.
        registry.loadGraph();
        owners(range.owned).body("[0].percent.atLeast", decimal("25")).body("[0].percent.max", decimal("50"));
    }

    @Test
    void ownersAreOrderedByMinimumShare() {
        String owned = createParty(unique("owned"), "COMPANY", "DE");
        String controller = createParty(unique("controller"), "COMPANY", "US");
        String band = createParty(unique("band"), "COMPANY", "US");
        String exact = createParty(unique("exact"), "COMPANY", "US");
        String inclusive = createParty(unique("inclusive"), "COMPANY", "US");
        putStakeJson(owned, controller, "{\"control\": [\"consolidation\"]}").statusCode(201);
        putStakeJson(owned, band, "{\"percent\": {\"min\": 25, \"max\": 50}}").statusCode(201);
        putStakeJson(owned, exact, "{\"percent\": 30}").statusCode(201);
        putStakeJson(owned, inclusive, "{\"percent\": {\"atLeast\": 25, \"atMost\": 30}}")
                .statusCode(201);
        owners(owned).body("ownerId", contains(exact, band, inclusive, controller));
    }

    // ---- Refused: a code per kind of mistake, nothing changed ----------------------------------

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"percent\": null}",
                "{\"control\": []}",
                "{\"percent\": \"40\"}",
                "{\"percent\": true}",
                "{\"percent\": [40]}",
                "{\"percent\": 0}",
                "{\"percent\": 0, \"control\": [\"consolidation\"]}",
                "{\"percent\": 100.000001}",
                "{\"percent\": 12.1234567}",
                "{\"validFrom\": \"2023-01-01\"}"
            })
    void refusesAStakeWithoutAValidPercentOrControl(String json) {
        assertRefused(json, 400, "invalid-percent");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"value\": 40}",
                "{\"min\": \"25\"}",
                "{\"min\": null}",
                "{\"min\": 50, \"max\": 50}",
                "{\"atLeast\": 50, \"max\": 50}",
                "{\"min\": 60, \"max\": 50}",
                "{\"min\": 10, \"atLeast\": 10}",
                "{\"max\": 10, \"atMost\": 10}",
                "{\"min\": -1}",
                "{\"max\": 101}",
                "{\"min\": 10.1234567}",
                "{\"atMost\": 0}",
                "{\"max\": 0}",
                "{\"min\": 100}"
            })
    void refusesARangeThatHoldsNoValidShare(String range) {
        assertRefused("{\"percent\": " + range + "}", 400, "invalid-range");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"consolidation\"",
                "{\"consolidation\": true}",
                "[\"voting\"]",
                "[\"Consolidation\"]",
                "[1]",
                "[null]",
                "[\"consolidation\", \"consolidation\"]"
            })
    void refusesControlThatIsNotAListOfKnownBases(String control) {
        assertRefused("{\"percent\": 10, \"control\": " + control + "}", 400, "invalid-control");
        assertRefused("{\"control\": " + control + "}", 400, "invalid-control");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2023",
                "\"2023\"",
                "\"2023-13-01\"",
                "\"2023-02-30\"",
                "\"01/02/2023\"",
                "\"2023-01-01T00:00:00\"",
                "\"2023-01-01T00:00:00.5Z\"",
                "\"+10000-01-01T00:00:00Z\"",
                "[\"2023-01-01\"]"
            })
    void refusesADateThatIsNotAnIsoInstantOrDate(String date) {
        assertRefused("{\"percent\": 10, \"validFrom\": " + date + "}", 400, "invalid-date");
        assertRefused("{\"percent\": 10, \"validTo\": " + date + "}", 400, "invalid-date");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"\"2024-01-01\", \"validTo\": \"2024-01-01\"", "\"2025-01-01\", \"validTo\": \"2024-01-01\""})
    void refusesAStakeThatEndsBeforeItStarts(String dates) {
        assertRefused("{\"percent\": 10, \"validFrom\": " + dates + "}", 400, "invalid-date");
    }

    @Test
    void refusesMisspeltFieldsOfTheTerms() {
        assertRefused("{\"percent\": 10, \"valid_from\": \"2023-01-01\"}", 400, "unknown-field");
        assertRefused("{\"percent\": 10, \"controls\": [\"consolidation\"]}", 400, "unknown-field");
    }

    // ---- The 100% rule -------------------------------------------------------------------------

    @Test
    void stakesInForceAtDifferentTimesDoNotAddUp() {
        Holding holding = new Holding(3);
        holding.put(0, "{\"percent\": 60, \"validFrom\": \"2020-01-01\", \"validTo\": \"2022-01-01\"}")
                .statusCode(201);
        // validTo is exclusive: the next owner may hold 60% from the day the first one's stake ends.
        holding.put(1, "{\"percent\": 60, \"validFrom\": \"2022-01-01\", \"validTo\": \"2024-01-01\"}")
                .statusCode(201);
        List<String> before = holding.snapshot();
        assertProblem(
                        holding.put(2, "{\"percent\": 50, \"validFrom\": \"2021-06-01\", \"validTo\": \"2021-07-01\"}"),
                        409,
                        "stakes-exceed-100")
                .body("detail", containsString("110%"))
                .body("detail", containsString("from 2021-06-01T00:00:00Z"));
        assertEquals(before, holding.snapshot());
        holding.put(2, "{\"percent\": 40, \"validFrom\": \"2021-06-01\", \"validTo\": \"2021-07-01\"}")
                .statusCode(201);
    }

    @Test
    void anUndatedStakeAddsUpWithEveryDatedOne() {
        Holding holding = new Holding(2);
        holding.put(0, "{\"percent\": 70, \"validFrom\": \"2030-01-01\"}").statusCode(201);
        List<String> before = holding.snapshot();
        assertProblem(holding.put(1, "{\"percent\": 40}"), 409, "stakes-exceed-100")
                .body("detail", containsString("from 2030-01-01T00:00:00Z"));
        assertEquals(before, holding.snapshot());
        holding.put(1, "{\"percent\": 40, \"validTo\": \"2030-01-01\"}").statusCode(201);
    }

    @Test
    void minimumsCountAndAnExclusiveOneCannotReachExactly100() {
        Holding holding = new Holding(3);
        holding.put(0, "{\"percent\": {\"min\": 60, \"max\": 75}}").statusCode(201);
        List<String> before = holding.snapshot();
        // More than 60 and 40: more than 100.
        assertProblem(holding.put(1, "{\"percent\": 40}"), 409, "stakes-exceed-100")
                .body("detail", containsString("more than 100%"));
        assertProblem(holding.put(1, "{\"percent\": {\"atLeast\": 40, \"atMost\": 41}}"), 409, "stakes-exceed-100");
        assertEquals(before, holding.snapshot());
        holding.put(1, "{\"percent\": 39.999999}").statusCode(201);
        // Control without a percentage counts nothing.
        holding.put(2, "{\"control\": [\"consolidation\"]}").statusCode(201);
    }

    @Test
    void inclusiveMinimumsMayReachExactly100() {
        Holding holding = new Holding(3);
        holding.put(0, "{\"percent\": 50}").statusCode(201);
        assertProblem(holding.put(1, "{\"percent\": {\"min\": 50}}"), 409, "stakes-exceed-100");
        holding.put(1, "{\"percent\": {\"atLeast\": 50}}").statusCode(201);
        // An exclusive lower bound of 0 still says "more than nothing"; an inclusive one does not.
        assertProblem(holding.put(2, "{\"percent\": {\"min\": 0, \"max\": 10}}"), 409, "stakes-exceed-100");
        holding.put(2, "{\"percent\": {\"max\": 10}}").statusCode(201);
    }

    @Test
    void aReplacementIsMeasuredAgainstTheOtherOwnersOnly() {
        Holding holding = new Holding(2);
        holding.put(0, "{\"percent\": 50, \"validFrom\": \"2020-01-01\"}").statusCode(201);
        holding.put(1, "{\"percent\": {\"min\": 40, \"max\": 50}, \"validFrom\": \"2020-01-01\"}")
                .statusCode(201);
        holding.put(0, "{\"percent\": 55, \"validTo\": \"2020-01-01\"}").statusCode(200);
        holding.put(0, "{\"percent\": {\"atLeast\": 55, \"atMost\": 60}}").statusCode(200);
        assertProblem(holding.put(0, "{\"percent\": 60}"), 409, "stakes-exceed-100");
        owners(holding.owned).body("percent.atLeast", contains(decimal("55"), nullValue()));
    }

    // ---- Helpers --------------------------------------------------------------------------------

    /** Tried as a new stake and as a replacement of an existing one: neither may change the owners. */
    private static void assertRefused(String json, int status, String code) {
        String owned = createParty(unique("owned"), "COMPANY", "DE");
        String first = createParty(unique("first"), "COMPANY", "SG");
        String second = createParty(unique("second"), "COMPANY", "US");
        putStakeJson(owned, first, "{\"percent\": {\"min\": 25, \"max\": 50}, \"validFrom\": \"2020-01-01\"}")
                .statusCode(201);
        assertProblem(putStakeJson(owned, second, json), status, code);
        assertProblem(putStakeJson(owned, first, json), status, code);
        owners(owned)
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].ownerId", equalTo(first))
                .body("[0].percent.min", decimal("25"))
                .body("[0].percent.max", decimal("50"))
                .body("[0].validFrom", equalTo("2020-01-01T00:00:00Z"));
        owners(second).statusCode(200).body("$", empty());
    }

    /** The stake row of a pair, column by column as V5 stores it. */
    private List<String> row(Pair pair) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("select percent, min_percent, min_exclusive,"
                        + " max_percent, max_exclusive, control, valid_from, valid_to from stake"
                        + " where owned_id = ? and owner_id = ?")) {
            query.setString(1, pair.owned);
            query.setString(2, pair.owner);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                List<String> values = new ArrayList<>();
                for (int column = 1; column <= 8; column++) {
                    Object value = column >= 7 ? rows.getObject(column, OffsetDateTime.class) : rows.getObject(column);
                    values.add(
                            value instanceof BigDecimal decimal
                                    ? decimal.toPlainString()
                                    : value instanceof OffsetDateTime time
                                            ? time.withOffsetSameInstant(ZoneOffset.UTC)
                                                    .toString()
                                            : String.valueOf(value));
                }
                return values;
            }
        }
    }

    /** An owned party and one owner. */
    private static final class Pair {
        final String owned = createParty(unique("owned"), "COMPANY", "DE");
        final String owner = createParty(unique("owner"), "COMPANY", "SG");

        ValidatableResponse put(String json) {
            return putStakeJson(owned, owner, json);
        }
    }

    /** An owned party and some owners, by number. */
    private static final class Holding {
        final String owned = createParty(unique("owned"), "COMPANY", "DE");
        final List<String> ownerIds = new ArrayList<>();

        Holding(int count) {
            for (int i = 0; i < count; i++) {
                ownerIds.add(createParty(unique("owner" + i), "COMPANY", "US"));
            }
        }

        ValidatableResponse put(int owner, String json) {
            return putStakeJson(owned, ownerIds.get(owner), json);
        }

        /** What the API lists as the owners, as text to compare before and after. */
        List<String> snapshot() {
            return owners(owned)
                    .statusCode(200)
                    .extract()
                    .body()
                    .asString()
                    .lines()
                    .toList();
        }
    }
}
