package io.clearance.api;

import static io.clearance.api.ApiTestSupport.api;
import static io.clearance.api.ApiTestSupport.assertProblem;
import static io.clearance.api.ApiTestSupport.createParty;
import static io.clearance.api.ApiTestSupport.decimal;
import static io.clearance.api.ApiTestSupport.getParty;
import static io.clearance.api.ApiTestSupport.owners;
import static io.clearance.api.ApiTestSupport.partyBody;
import static io.clearance.api.ApiTestSupport.putParty;
import static io.clearance.api.ApiTestSupport.putStake;
import static io.clearance.api.ApiTestSupport.putStakeJson;
import static io.clearance.api.ApiTestSupport.setStake;
import static io.clearance.api.ApiTestSupport.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The party registry over HTTP ({@code /v1/parties/{id}} and its {@code /owners}): creating, replacing,
 * reading and deleting parties and direct stakes, and every input the contract refuses. Each refusal is
 * checked three ways: the status, the stable {@code code} in an {@code application/problem+json} body, and
 * a read afterwards showing that nothing changed.
 */
@QuarkusTest
class PartyResourceTest {

    private static final String LONGEST_ID = "p".repeat(128);

    // ---- Parties --------------------------------------------------------------------------------

    @Test
    void putCreatesThenReplacesAParty() {
        String id = unique("acme");
        putParty(id, partyBody("Acme GmbH", "COMPANY", "DE", null))
                .statusCode(201)
                .body("id", equalTo(id))
                .body("name", equalTo("Acme GmbH"))
                .body("kind", equalTo("COMPANY"))
                .body("country", equalTo("DE"));

        putParty(id, partyBody("Acme Holdings GmbH", "GOVERNMENT", "AT", null))
                .statusCode(200)
                .body("id", equalTo(id))
                .body("name", equalTo("Acme Holdings GmbH"))
                .body("kind", equalTo("GOVERNMENT"))
                .body("country", equalTo("AT"));

        getParty(id)
                .statusCode(200)
                .body("id", equalTo(id))
                .body("name", equalTo("Acme Holdings GmbH"))
                .body("kind", equalTo("GOVERNMENT"))
                .body("country", equalTo("AT"))
                .body("nationality", nullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"COMPANY", "INDIVIDUAL", "GOVERNMENT", "UNIVERSITY"})
    void everyKindOfTheContractIsAccepted(String kind) {
        String id = unique(kind.toLowerCase());
        putParty(id, partyBody("A " + kind, kind, "FR", "FR")).statusCode(201).body("kind", equalTo(kind));
        getParty(id).statusCode(200).body("kind", equalTo(kind)).body("nationality", equalTo("FR"));
    }

    @Test
    void idsMayUseLettersDigitsAndTheFourPunctuationMarks() {
        String id = unique("Org_1.2:3");
        createParty(id, "COMPANY", "US");
        getParty(id).statusCode(200).body("id", equalTo(id));
    }

    @Test
    void anIdOf128CharactersIsAccepted() {
        // Idempotent whatever ran before: the id cannot carry a suffix and stay at 128 characters.
        putParty(LONGEST_ID, partyBody("Longest", "COMPANY", "US", null)).statusCode(oneOf(200, 201));
        getParty(LONGEST_ID).statusCode(200).body("id", equalTo(LONGEST_ID));
    }

    @Test
    void anUnknownPartyIsNotFound() {
        assertProblem(getParty(unique("nobody")), 404, "unknown-party");
    }

    @Test
    void replacingAPartyKeepsItsStakes() {
        String owned = createParty(unique("owned"), "COMPANY", "DE");
        String owner = createParty(unique("owner"), "COMPANY", "SG");
        setStake(owned, owner, "40");

        putParty(owned, partyBody("Renamed", "COMPANY", "DE", null)).statusCode(200);
        putParty(owner, partyBody("Renamed owner", "COMPANY", "SG", null)).statusCode(200);

        owners(owned)
                .statusCode(200)
                .body("ownerId", contains(owner))
                .body("ownerName", contains("Renamed owner"))
                .body("percent", contains(decimal("40")));
    }

    // ---- Refused parties: nothing created, nothing replaced ---------------------------------------

    // Bad inputs are tried against a new id (must stay absent) and an existing one (must stay as it was).

    @ParameterizedTest
    @ValueSource(strings = {"XX", "cn", "CHN", "C", ""})
    void refusesACountryThatIsNotAnIsoCode(String country) {
        assertRefused(partyBody("Bad country", "COMPANY", country, null), 400, "invalid-country");
    }

    @Test
    void refusesAPartyWithoutCountry() {
        Map<String, Object> body = partyBody("No country", "COMPANY", null, null);
        body.remove("country");
        assertRefused(body, 400, "invalid-country");
    }

    @ParameterizedTest
    @ValueSource(strings = {"XX", "cn", "CHN"})
    void refusesANationalityThatIsNotAnIsoCode(String nationality) {
        assertRefused(partyBody("Bad nationality", "INDIVIDUAL", "US", nationality), 400, "invalid-nationality");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PERSON", "company", "Company", ""})
    void refusesAnUnknownKind(String kind) {
        assertRefused(partyBody("Bad kind", kind, "DE", null), 400, "invalid-kind");
    }

    @Test
    void refusesAPartyWithoutKind() {
        Map<String, Object> body = partyBody("No kind", null, "DE", null);
        body.remove("kind");
        assertRefused(body, 400, "invalid-kind");
    }

    @Test
    void refusesAPartyWithoutOrWithABlankName() {
        Map<String, Object> body = partyBody(null, "COMPANY", "DE", null);
        body.remove("name");
        assertRefused(body, 400, "invalid-name");
        assertRefused(partyBody("   ", "COMPANY", "DE", null), 400, "invalid-name");
    }

    @Test
    void refusesAPartyWithAnUnknownField() {
        Map<String, Object> body = partyBody("Colourful", "COMPANY", "DE", null);
        body.put("colour", "red");
        assertRefused(body, 400, "unknown-field");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\": \"Acme\", \"kind\": \"COMPANY\",", "not json", "{'name': 'Acme'}"})
    void refusesAPartyInMalformedJson(String json) {
        assertRefusedRaw(json, 400, "malformed-json");
    }

    @Test
    void refusesAPartyWithoutBody() {
        String id = unique("no-body");
        ValidatableResponse response = api().when().put("/v1/parties/{id}", id).then();
        assertProblem(response, 400, "missing-body");
        assertProblem(getParty(id), 404, "unknown-party");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a%b", "ä", "a;b", "a,b"})
    void refusesAnIdWithCharactersOutsideTheContract(String id) {
        assertProblem(putParty(id, partyBody("Bad id", "COMPANY", "DE", null)), 400, "invalid-party-id");
        assertProblem(getParty(id), 400, "invalid-party-id");
    }

    @Test
    void refusesANumberWhereTextIsExpected() {
        assertRefusedRaw("{\"name\": 5, \"kind\": \"COMPANY\", \"country\": \"DE\"}", 400, "invalid-field");
    }

    @Test
    void refusesAnIdOf129Characters() {
        String id = "q".repeat(129);
        assertProblem(putParty(id, partyBody("Too long", "COMPANY", "DE", null)), 400, "invalid-party-id");
        assertProblem(getParty(id), 400, "invalid-party-id");
        assertProblem(api().when().delete("/v1/parties/{id}", id).then(), 400, "invalid-party-id");
    }

    // ---- Deleting parties -----------------------------------------------------------------------

    @Test
    void deleteRemovesAPartyWithoutStakes() {
        String id = createParty(unique("gone"), "COMPANY", "DE");
        api().when().delete("/v1/parties/{id}", id).then().statusCode(204);
        assertProblem(getParty(id), 404, "unknown-party");
        assertProblem(api().when().delete("/v1/parties/{id}", id).then(), 404, "unknown-party");
    }

    @Test
    void deleteRefusesAnOwnedPartyUnlessWithStakes() {
        String owned = createParty(unique("owned"), "COMPANY", "DE");
        String owner = createParty(unique("owner"), "COMPANY", "SG");
        setStake(owned, owner, "25");

        assertProblem(api().when().delete("/v1/parties/{id}", owned).then(), 409, "party-has-stakes");
        assertProblem(
                api().queryParam("withStakes", false)
                        .when()
                        .delete("/v1/parties/{id}", owned)
                        .then(),
                409,
                "party-has-stakes");
        getParty(owned).statusCode(200);
        owners(owned).statusCode(200).body("ownerId", contains(owner));

        api().queryParam("withStakes", true)
                .when()
                .delete("/v1/parties/{id}", owned)
                .then()
                .statusCode(204);
        assertProblem(getParty(owned), 404, "unknown-party");
        // The owner stays; only the stake went with the owned party.
        getParty(owner).statusCode(200);
    }

    @Test
    void deleteRefusesAnOwnerUnlessWithStakes() {
        String owned = createParty(unique("owned"), "COMPANY", "DE");
        String owner = createParty(unique("owner"), "COMPANY", "SG");
        String other = createParty(unique("other"), "COMPANY", "US");
        setStake(owned, owner, "25");
        setStake(owned, other, "10");

        assertProblem(api().when().delete("/v1/parties/{id}", owner).then(), 409, "party-has-stakes");
        getParty(owner).statusCode(200);
        owners(owned).body("ownerId", contains(owner, other));

        api().queryParam("withStakes", true)
                .when()
                .delete("/v1/parties/{id}", owner)
                .then()
                .statusCode(204);
        assertProblem(getParty(owner), 404, "unknown-party");
        owners(owned).statusCode(200).body("ownerId", contains(other));
    }

    // ---- Stakes ---------------------------------------------------------------------------------

    @Test
    void putStakeCreatesThenReplaces() {
        String owned = createParty(unique("owned"), "COMPANY", "DE");
        String owner = createParty(unique("owner"), "COMPANY", "SG");

        putStake(owned, owner, "40.5")
                .statusCode(201)
                .body("ownedId", equalTo(owned))
                .body("ownerId", equalTo(owner))
                .body("ownerName", equalTo("Party " + owner))
                .body("percent", decimal("40.5"));
        putStake(owned, owner, "12.000001").statusCode(200).body("percent", decimal("12.000001"));

        owners(owned)
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].ownerId", equalTo(owner))
                .body("[0].percent", decimal("12.000001"));
    }

    @Test
    void ownersAreListedLargestStakeFirst() {
        String owned = createParty(unique("owned"), "COMPANY", "DE");
        String small = createParty(unique("small"), "COMPANY", "US");
        String large = createParty(unique("large"), "COMPANY", "US");
        String middle = createParty(unique("middle"), "INDIVIDUAL", "US");
        setStake(owned, small, "0.000001");
        setStake(owned, large, "60");
        setStake(owned, middle, "39.999999");

        owners(owned)
                .statusCode(200)
                .body("ownerId", contains(large, middle, small))
                .body("percent", contains(decimal("60"), decimal("39.999999"), decimal("0.000001")));
    }

    @Test
    void aPartyWithoutOwnersListsNone() {
        String owned = createParty(unique("alone"), "COMPANY", "DE");
        owners(owned).statusCode(200).body("$", empty());
    }

    @Test
    void theOwnersOfAnUnknownPartyAreNotFound() {
        assertProblem(owners(unique("nobody")), 404, "unknown-party");
    }

    @Test
    void stakesMayAddUpToExactly100() {
        String owned = createParty(unique("owned"), "COMPANY", "DE");
        String a = createParty(unique("a"), "COMPANY", "US");
        String b = createParty(unique("b"), "COMPANY", "US");
        String c = createParty(unique("c"), "COMPANY", "US");
        putStake(owned, a, "14.16").statusCode(201);
        putStake(owned, b, "19.85").statusCode(201);
        putStake(owned, c, "65.99").statusCode(201);
        owners(owned).body("percent", contains(decimal("65.99"), decimal("19.85"), decimal("14.16")));
    }

    @Test
    void aWholeStakeOf100IsAccepted() {
        String owned = createParty(unique("owned"), "COMPANY", "DE");
        String owner = createParty(unique("owner"), "COMPANY", "US");
        putStake(owned, owner, "100").statusCode(201).body("percent", decimal("100"));
    }

    @Test
    void deleteStakeRemovesItOnce() {
        String owned = createParty(unique("owned"), "COMPANY", "DE");
        String owner = createParty(unique("owner"), "COMPANY", "SG");
        setStake(owned, owner, "30");

        api().when()
                .delete("/v1/parties/{id}/owners/{ownerId}", owned, owner)
                .then()
                .statusCode(204);
        owners(owned).statusCode(200).body("$", empty());
        assertProblem(
                api().when()
                        .delete("/v1/parties/{id}/owners/{ownerId}", owned, owner)
                        .then(),
                404,
                "unknown-stake");
        // With the stake gone, both parties can be deleted without withStakes.
        api().when().delete("/v1/parties/{id}", owner).then().statusCode(204);
        api().when().delete("/v1/parties/{id}", owned).then().statusCode(204);
    }

    @Test
    void deleteStakeOfUnknownPartiesIsNotFound() {
        String known = createParty(unique("known"), "COMPANY", "DE");
        String nobody = unique("nobody");
        assertProblem(
                api().when()
                        .delete("/v1/parties/{id}/owners/{ownerId}", nobody, known)
                        .then(),
                404,
                "unknown-party");
        assertProblem(
                api().when()
                        .delete("/v1/parties/{id}/owners/{ownerId}", known, nobody)
                        .then(),
                404,
                "unknown-party");
    }

    // ---- Refused stakes: the owners of the party stay exactly as they were ------------------------

    // Most use a Fixture: one party held 30% by a first owner. A bad change is tried as a new stake of a
    // second owner and as a replacement of the first owner's, and must leave both as they were.

    // An object is a range, refused with its own codes: see StakeTermsResourceTest.
    @ParameterizedTest
    @ValueSource(strings = {"\"abc\"", "\"40.5\"", "true", "false", "null", "[40]"})
    void refusesAPercentThatIsNotANumber(String percent) {
        assertStakeRefused(percent, 400, "invalid-percent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.0", "-0", "-1", "-0.000001"})
    void refusesAPercentOfZeroOrLess(String percent) {
        assertStakeRefused(percent, 400, "invalid-percent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"100.000001", "101", "1e3", "1000000000000000000000"})
    void refusesAPercentAbove100(String percent) {
        assertStakeRefused(percent, 400, "invalid-percent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"40.1234567", "0.0000001", "1e-7", "33.3333333333333333"})
    void refusesAPercentWithMoreThanSixDecimals(String percent) {
        assertStakeRefused(percent, 400, "invalid-percent");
    }

    @Test
    void refusesAStakeWithoutPercent() {
        assertStakeRefusedRaw("{}", 400, "invalid-percent");
    }

    @Test
    void refusesAStakeWithoutBody() {
        Fixture fixture = new Fixture();
        ValidatableResponse response = api().when()
                .put("/v1/parties/{id}/owners/{ownerId}", fixture.owned, fixture.second)
                .then();
        assertProblem(response, 400, "missing-body");
        fixture.assertUnchanged();
    }

    @Test
    void refusesAStakeWithAnUnknownField() {
        assertStakeRefusedRaw("{\"percent\": 10, \"votes\": 10}", 400, "unknown-field");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"percent\": abc}", "{\"percent\": 10", "percent=10"})
    void refusesAStakeInMalformedJson(String json) {
        assertStakeRefusedRaw(json, 400, "malformed-json");
    }

    @Test
    void refusesTwoJsonDocumentsInOneBody() {
        Fixture fixture = new Fixture();
        ValidatableResponse response =
                putStakeJson(fixture.owned, fixture.second, "{\"percent\": 10} {\"percent\": 20}");
        // Nothing of the first document may be stored.
        assertProblem(response, 400, "malformed-json");
        fixture.assertUnchanged();
    }

    @Test
    void refusesStakesAbove100InOneParty() {
        Fixture fixture = new Fixture();
        assertProblem(putStake(fixture.owned, fixture.second, "70.000001"), 409, "stakes-exceed-100");
        fixture.assertUnchanged();
        // Exactly up to 100 still fits: the refusal above was about the sum, not the number.
        putStake(fixture.owned, fixture.second, "70").statusCode(201);
    }

    @Test
    void replacingAStakeIsMeasuredAgainstTheOtherOwnersOnly() {
        String owned = createParty(unique("owned"), "COMPANY", "DE");
        String big = createParty(unique("big"), "COMPANY", "US");
        String rest = createParty(unique("rest"), "COMPANY", "US");
        setStake(owned, big, "70");
        setStake(owned, rest, "30");

        // 70 replaces 70: the sum stays 100, it does not become 170.
        putStake(owned, big, "70").statusCode(200).body("percent", decimal("70"));
        putStake(owned, big, "50").statusCode(200);
        putStake(owned, big, "70").statusCode(200);
        assertProblem(putStake(owned, big, "70.000001"), 409, "stakes-exceed-100");
        owners(owned).body("ownerId", contains(big, rest)).body("percent", contains(decimal("70"), decimal("30")));
    }

    @Test
    void refusesAPartyOwningItself() {
        Fixture fixture = new Fixture();
        assertProblem(putStake(fixture.owned, fixture.owned, "10"), 400, "self-ownership");
        fixture.assertUnchanged();
    }

    @Test
    void refusesAStakeInAnUnknownParty() {
        Fixture fixture = new Fixture();
        String nobody = unique("nobody");
        assertProblem(putStake(nobody, fixture.second, "10"), 404, "unknown-party");
        assertProblem(owners(nobody), 404, "unknown-party");
        assertProblem(getParty(nobody), 404, "unknown-party");
        fixture.assertUnchanged();
    }

    @Test
    void refusesAStakeOfAnUnknownOwner() {
        Fixture fixture = new Fixture();
        String nobody = unique("nobody");
        assertProblem(putStake(fixture.owned, nobody, "10"), 404, "unknown-party");
        assertProblem(getParty(nobody), 404, "unknown-party");
        fixture.assertUnchanged();
    }

    @Test
    void refusesInvalidIdsInTheStakePath() {
        Fixture fixture = new Fixture();
        String tooLong = "s".repeat(129);
        assertProblem(putStake(fixture.owned, tooLong, "10"), 400, "invalid-party-id");
        assertProblem(putStake(fixture.owned, "a b", "10"), 400, "invalid-party-id");
        assertProblem(putStake(tooLong, fixture.second, "10"), 400, "invalid-party-id");
        fixture.assertUnchanged();
    }

    // ---- Helpers --------------------------------------------------------------------------------

    private static void assertRefused(Map<String, Object> body, int status, String code) {
        String fresh = unique("fresh");
        assertProblem(putParty(fresh, body), status, code);
        assertProblem(getParty(fresh), 404, "unknown-party");

        String existing = createParty(unique("existing"), "COMPANY", "US");
        assertProblem(putParty(existing, body), status, code);
        assertPartyUnchanged(existing);
    }

    private static void assertRefusedRaw(String json, int status, String code) {
        String fresh = unique("fresh");
        assertProblem(api().body(json).when().put("/v1/parties/{id}", fresh).then(), status, code);
        assertProblem(getParty(fresh), 404, "unknown-party");

        String existing = createParty(unique("existing"), "COMPANY", "US");
        assertProblem(api().body(json).when().put("/v1/parties/{id}", existing).then(), status, code);
        assertPartyUnchanged(existing);
    }

    private static void assertPartyUnchanged(String existing) {
        getParty(existing)
                .statusCode(200)
                .body("name", equalTo("Party " + existing))
                .body("kind", equalTo("COMPANY"))
                .body("country", equalTo("US"))
                .body("nationality", nullValue());
    }

    private static void assertStakeRefused(String percent, int status, String code) {
        assertStakeRefusedRaw("{\"percent\": " + percent + "}", status, code);
    }

    /** Tried as a new stake and as a replacement of the first owner's, both must leave 30% alone. */
    private static void assertStakeRefusedRaw(String json, int status, String code) {
        Fixture fixture = new Fixture();
        assertProblem(putStakeJson(fixture.owned, fixture.second, json), status, code);
        fixture.assertUnchanged();
        assertProblem(putStakeJson(fixture.owned, fixture.first, json), status, code);
        fixture.assertUnchanged();
    }

    /** A party held 30% by {@code first}; {@code second} exists but holds nothing. */
    private static final class Fixture {
        final String owned = createParty(unique("owned"), "COMPANY", "DE");
        final String first = createParty(unique("first"), "COMPANY", "SG");
        final String second = createParty(unique("second"), "COMPANY", "US");

        Fixture() {
            setStake(owned, first, "30");
        }

        void assertUnchanged() {
            owners(owned)
                    .statusCode(200)
                    .body("$", hasSize(1))
                    .body("[0].ownerId", equalTo(first))
                    .body("[0].percent", decimal("30"));
            owners(second).statusCode(200).body("$", empty());
            owners(first).statusCode(200).body("$", empty());
        }
    }
}
