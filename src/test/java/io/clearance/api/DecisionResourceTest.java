package io.clearance.api;

import static io.clearance.api.ApiTestSupport.DEFAULT_RULE;
import static io.clearance.api.ApiTestSupport.OWNERSHIP_RULE;
import static io.clearance.api.ApiTestSupport.api;
import static io.clearance.api.ApiTestSupport.assertProblem;
import static io.clearance.api.ApiTestSupport.createParty;
import static io.clearance.api.ApiTestSupport.decide;
import static io.clearance.api.ApiTestSupport.decimal;
import static io.clearance.api.ApiTestSupport.partyBody;
import static io.clearance.api.ApiTestSupport.postDecision;
import static io.clearance.api.ApiTestSupport.putParty;
import static io.clearance.api.ApiTestSupport.setStake;
import static io.clearance.api.ApiTestSupport.unique;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/decisions} against small registries built through the API: each policy clause the rules
 * implement (jurisdiction bans 2.2 and 2.3, the ownership restriction 3.3 at and around its 50% edge,
 * exemptions 4.1, resellers 5.1, the default 6.1), the reasons and evidence that explain each decision,
 * registry changes reaching the very next decision, and the requests the endpoint refuses.
 *
 * <p>Every party id carries a random suffix: all {@code @QuarkusTest} classes of a run share one database.
 */
@QuarkusTest
class DecisionResourceTest {

    private static final String ADVICE_RULE =
            "Organisations held 25% or more through look-through by restricted parties are advised for enhanced due diligence";
    private static final String ORGANISATION_BAN_RULE =
            "Organisations headquartered in a banned jurisdiction are denied restricted actions";
    private static final String INDIVIDUAL_BAN_RULE =
            "Individuals located in a banned jurisdiction are denied restricted actions";
    private static final String PUBLICATIONS_RULE = "Academic publications are readable by everyone";
    private static final String RESELLER_OWNERSHIP_RULE =
            "Requests on behalf of an end customer more than 50% owned by restricted parties are denied";
    private static final String RESELLER_JURISDICTION_RULE =
            "Requests on behalf of an end customer located in a banned jurisdiction are denied";

    // ---- Ownership (clauses 3.2, 3.3) -----------------------------------------------------------

    /** CN parent -60%-> SG holding -60%-> DE company: both below the parent are restricted. */
    private record Group(String parent, String holding, String company) {

        static Group create() {
            Group group = new Group(
                    createParty(unique("cn-parent"), "COMPANY", "CN"),
                    createParty(unique("sg-holding"), "COMPANY", "SG"),
                    createParty(unique("de-company"), "COMPANY", "DE"));
            setStake(group.holding, group.parent, "60");
            setStake(group.company, group.holding, "60");
            return group;
        }
    }

    @Test
    void aCompanyMajorityOwnedThroughARestrictedHoldingIsDenied() {
        Group group = Group.create();

        decide(group.company, "api.access")
                .body("decision", equalTo("DENY"))
                .body("subject", equalTo(group.company))
                .body("action", equalTo("api.access"))
                .body("reasons", hasSize(1))
                .body("reasons[0].rule", equalTo(OWNERSHIP_RULE))
                .body("reasons[0].clause", equalTo("3.3"))
                .body("reasons[0].effect", equalTo("DENY"))
                .body(
                        "reasons[0].message",
                        equalTo(
                                label(group.company)
                                        + " is held 60% by restricted parties, more than the 50% threshold: `api.access` is refused"))
                .body("reasons[0].evidence.party.partyId", equalTo(group.company))
                .body("reasons[0].evidence.restrictedShare", decimal("60"))
                .body("reasons[0].evidence.threshold", decimal("50"))
                .body("reasons[0].evidence.comparison", equalTo(">"))
                .body("reasons[0].evidence.exceeded", equalTo(true))
                // The proof: the holding is restricted by extension, grounded in the CN parent as seed.
                .body("reasons[0].evidence.restrictedOwners.partyId", contains(group.holding))
                .body("reasons[0].evidence.restrictedOwners[0].restrictedAs", equalTo("extension"))
                .body("reasons[0].evidence.restrictedOwners[0].percent", decimal("60"))
                .body("reasons[0].evidence.restrictedOwners[0].restrictedOwners.partyId", contains(group.parent))
                .body("reasons[0].evidence.restrictedOwners[0].restrictedOwners[0].restrictedAs", equalTo("seed"))
                // The path runs from the seed down to the company, each hop with the stake it receives.
                .body("reasons[0].evidence.paths", hasSize(1))
                .body(
                        "reasons[0].evidence.paths[0].parties.partyId",
                        contains(group.parent, group.holding, group.company))
                .body("reasons[0].evidence.paths[0].parties.country", contains("CN", "SG", "DE"))
                .body(
                        "reasons[0].evidence.paths[0].parties.percent",
                        contains(nullValue(), decimal("60"), decimal("60")))
                .body("reasons[0].evidence.paths[0].contribution", decimal("60"))
                .body("reasons[0].evidence.pathsTruncated", equalTo(false));

        decide(group.company, "commercial.partnership")
                .body("decision", equalTo("DENY"))
                .body("reasons[0].clause", equalTo("3.3"));
        decide(group.holding, "api.access")
                .body("decision", equalTo("DENY"))
                .body("reasons[0].rule", equalTo(OWNERSHIP_RULE))
                .body("reasons[0].evidence.paths[0].parties.partyId", contains(group.parent, group.holding));
        decide(group.parent, "api.access")
                .body("decision", equalTo("DENY"))
                .body("reasons[0].rule", equalTo(ORGANISATION_BAN_RULE));
    }

    @Test
    void exactly50PercentIsNotDeniedAndOneMillionthMoreIsDenied() {
        String target = createParty(unique("us-target"), "COMPANY", "US");
        String a = createParty(unique("cn-a"), "COMPANY", "CN");
        String b = createParty(unique("cn-b"), "COMPANY", "CN");
        String c = createParty(unique("cn-c"), "COMPANY", "CN");
        // In binary floating point these add up to 50.00000000000001; in exact decimals to 50.
        setStake(target, a, "14.16");
        setStake(target, b, "19.85");
        setStake(target, c, "15.99");

        // Not denied (clause 3.3, as published): permitted. 50% held directly is also 50% through
        // look-through, which clause 3.4 turns into advice beside the permission, not into a review.
        decide(target, "api.access")
                .body("decision", equalTo("PERMIT"))
                .body("reasons", hasSize(1))
                .body("reasons[0].rule", equalTo(DEFAULT_RULE))
                .body("reasons[0].clause", equalTo("6.1"))
                .body("reasons[0].effect", equalTo("PERMIT"))
                .body("advice", hasSize(1))
                .body("advice[0].rule", equalTo(ADVICE_RULE))
                .body("advice[0].clause", equalTo("3.4"))
                .body("advice[0].code", equalTo("enhanced-due-diligence"))
                .body(
                        "advice[0].message",
                        equalTo(
                                label(target)
                                        + " is held 50% through look-through by restricted parties, at least the 25% threshold: enhanced due diligence is advised for `api.access`"))
                .body("reasons[0].evidence.party.partyId", equalTo(target))
                .body("reasons[0].evidence.ownership", hasSize(2))
                .body("reasons[0].evidence.ownership[0].test", equalTo("majority"))
                .body("reasons[0].evidence.ownership[0].restrictedShare", decimal("50"))
                .body("reasons[0].evidence.ownership[0].exceeded", equalTo(false))
                .body("reasons[0].evidence.ownership[0].restrictedOwners.partyId", contains(b, c, a))
                .body(
                        "reasons[0].evidence.ownership[0].restrictedOwners.percent",
                        contains(decimal("19.85"), decimal("15.99"), decimal("14.16")));

        String d = createParty(unique("cn-d"), "COMPANY", "CN");
        setStake(target, d, "0.000001");

        decide(target, "api.access")
                .body("decision", equalTo("DENY"))
                .body("reasons[0].rule", equalTo(OWNERSHIP_RULE))
                .body("reasons[0].clause", equalTo("3.3"))
                .body(
                        "reasons[0].message",
                        equalTo(
                                label(target)
                                        + " is held 50.000001% by restricted parties, more than the 50% threshold: `api.access` is refused"))
                .body("reasons[0].evidence.restrictedShare", decimal("50.000001"))
                .body("reasons[0].evidence.restrictedOwners", hasSize(4))
                .body("reasons[0].evidence.paths", hasSize(4));
    }

    @Test
    void restrictedOwnersAddUpAcrossBannedJurisdictions() {
        String target = createParty(unique("nl-target"), "COMPANY", "NL");
        String cn = createParty(unique("cn-owner"), "COMPANY", "CN");
        String ru = createParty(unique("ru-owner"), "GOVERNMENT", "RU");
        setStake(target, cn, "30");
        setStake(target, ru, "21");

        decide(target, "api.access")
                .body("decision", equalTo("DENY"))
                .body("reasons[0].clause", equalTo("3.3"))
                .body("reasons[0].evidence.restrictedShare", decimal("51"))
                .body("reasons[0].evidence.restrictedOwners.partyId", contains(cn, ru))
                .body("reasons[0].evidence.restrictedOwners.restrictedAs", everyItem(equalTo("seed")));
    }

    @Test
    void anOwnerThatIsNotRestrictedPassesNothingOn() {
        // The CN parent holds exactly 50% of the holding: not more, so the holding is not restricted, and
        // its 100% of the company counts for nothing.
        String parent = createParty(unique("cn-parent"), "COMPANY", "CN");
        String holding = createParty(unique("sg-holding"), "COMPANY", "SG");
        String company = createParty(unique("de-company"), "COMPANY", "DE");
        setStake(holding, parent, "50");
        setStake(company, holding, "100");

        // By extension nothing; through look-through 50% x 100% = 50%, which clause 3.4 advises on.
        decide(company, "api.access")
                .body("decision", equalTo("PERMIT"))
                .body("advice[0].clause", equalTo("3.4"))
                .body("advice[0].evidence.restrictedShare", decimal("50"))
                .body("reasons[0].evidence.ownership[0].restrictedShare", decimal("0"))
                .body("reasons[0].evidence.ownership[0].restrictedOwners", empty())
                .body("reasons[0].evidence.ownership[0].paths", empty());
    }

    @Test
    void individualsInABannedJurisdictionAreNoRestrictedOwners() {
        // Clause 3.1: restricted owners are organisations; a person living in CN restricts no company.
        String company = createParty(unique("us-company"), "COMPANY", "US");
        String person = createParty(unique("cn-person"), "INDIVIDUAL", "CN", "CN");
        setStake(company, person, "100");

        decide(company, "api.access")
                .body("decision", equalTo("PERMIT"))
                .body("reasons[0].clause", equalTo("6.1"))
                .body("reasons[0].evidence.ownership[0].restrictedShare", decimal("0"));
    }

    @Test
    void aCycleOfHoldingsRestrictsNobodyThroughItself() {
        // Each holds 60% of the other, and a CN company a further 40% of the first: 40% is not enough,
        // and the cycle must not lift it over the threshold.
        String first = createParty(unique("us-first"), "COMPANY", "US");
        String second = createParty(unique("us-second"), "COMPANY", "US");
        String cn = createParty(unique("cn-minority"), "COMPANY", "CN");
        setStake(first, second, "60");
        setStake(second, first, "60");
        setStake(first, cn, "40");

        // Not denied; but through look-through the cycle passes the CN stake round: first = 0.4 + 0.6 x
        // second and second = 0.6 x first, so first is held 62.5% and second 37.5%, both advised (3.4).
        decide(first, "api.access")
                .body("decision", equalTo("PERMIT"))
                .body("advice[0].evidence.restrictedShare", decimal("62.5"))
                .body("reasons[0].evidence.ownership[0].restrictedShare", decimal("40"));
        decide(second, "api.access")
                .body("decision", equalTo("PERMIT"))
                .body("advice[0].evidence.restrictedShare", decimal("37.5"))
                .body("reasons[0].evidence.ownership[0].restrictedShare", decimal("0"));
    }

    // ---- Resellers (clause 5.1) -----------------------------------------------------------------

    @Test
    void aResellerActingForARestrictedCompanyIsDenied() {
        Group group = Group.create();
        String reseller = createParty(unique("us-reseller"), "COMPANY", "US");

        decide(reseller, "api.access", group.company)
                .body("decision", equalTo("DENY"))
                .body("onBehalfOf", equalTo(group.company))
                .body("reasons", hasSize(1))
                .body("reasons[0].rule", equalTo(RESELLER_OWNERSHIP_RULE))
                .body("reasons[0].clause", equalTo("5.1"))
                .body(
                        "reasons[0].message",
                        equalTo(
                                label(reseller) + " acts on behalf of " + label(group.company)
                                        + ", which is held 60% by restricted parties, more than the 50% threshold: `api.access` is refused"))
                .body("reasons[0].evidence.subject.partyId", equalTo(reseller))
                .body("reasons[0].evidence.subject.role", equalTo("subject"))
                .body("reasons[0].evidence.endCustomer.partyId", equalTo(group.company))
                .body("reasons[0].evidence.endCustomer.role", equalTo("end customer"))
                .body("reasons[0].evidence.ownership.restrictedShare", decimal("60"))
                .body(
                        "reasons[0].evidence.ownership.paths[0].parties.partyId",
                        contains(group.parent, group.holding, group.company));

        // On its own account the reseller is not restricted: the denial above came from its customer.
        decide(reseller, "api.access").body("decision", equalTo("PERMIT")).body("reasons[0].clause", equalTo("6.1"));
    }

    @Test
    void aResellerActingForACompanyInABannedJurisdictionIsDenied() {
        String reseller = createParty(unique("us-reseller"), "COMPANY", "US");
        String customer = createParty(unique("ir-customer"), "COMPANY", "IR");

        decide(reseller, "commercial.partnership", customer)
                .body("decision", equalTo("DENY"))
                .body("reasons", hasSize(1))
                .body("reasons[0].rule", equalTo(RESELLER_JURISDICTION_RULE))
                .body("reasons[0].clause", equalTo("5.1"))
                .body("reasons[0].evidence.jurisdiction", equalTo("IR"))
                .body("reasons[0].evidence.endCustomer.partyId", equalTo(customer));
    }

    @Test
    void anIndividualActingForARestrictedCompanyIsDenied() {
        Group group = Group.create();
        String employee = createParty(unique("us-employee"), "INDIVIDUAL", "US", "US");

        decide(employee, "api.access", group.company)
                .body("decision", equalTo("DENY"))
                .body("reasons[0].rule", equalTo(RESELLER_OWNERSHIP_RULE))
                .body("reasons[0].clause", equalTo("5.1"));
    }

    @Test
    void aResellerActingForAnUnrestrictedCustomerIsPermitted() {
        String reseller = createParty(unique("us-reseller"), "COMPANY", "US");
        String customer = createParty(unique("jp-customer"), "COMPANY", "JP");

        decide(reseller, "api.access", customer)
                .body("decision", equalTo("PERMIT"))
                .body("onBehalfOf", equalTo(customer))
                .body("reasons[0].clause", equalTo("6.1"))
                // Both organisations of the request were checked for ownership.
                .body(
                        "reasons[0].evidence.ownership.findAll { it.test == 'majority' }.party.partyId",
                        containsInAnyOrder(reseller, customer))
                .body(
                        "reasons[0].evidence.ownership.findAll { it.test == 'indirect' }.party.partyId",
                        containsInAnyOrder(reseller, customer));
    }

    // ---- Jurisdictions (clauses 2.2, 2.3) -------------------------------------------------------

    @Test
    void anIndividualLivingOutsideBannedJurisdictionsIsPermittedWhateverTheirNationality() {
        String student = createParty(unique("us-resident"), "INDIVIDUAL", "US", "CN");

        decide(student, "api.access")
                .body("decision", equalTo("PERMIT"))
                .body("reasons", hasSize(1))
                .body("reasons[0].rule", equalTo(DEFAULT_RULE))
                .body("reasons[0].clause", equalTo("6.1"))
                .body("reasons[0].evidence.party.country", equalTo("US"))
                .body("reasons[0].evidence.party.nationality", equalTo("CN"))
                .body("reasons[0].evidence.party.kind", equalTo("INDIVIDUAL"))
                // Individuals are never restricted through ownership, so none was computed.
                .body("reasons[0].evidence.ownership", empty());
    }

    @Test
    void anIndividualLivingInABannedJurisdictionIsDenied() {
        String resident = createParty(unique("cn-resident"), "INDIVIDUAL", "CN", "US");

        decide(resident, "api.access")
                .body("decision", equalTo("DENY"))
                .body("reasons", hasSize(1))
                .body("reasons[0].rule", equalTo(INDIVIDUAL_BAN_RULE))
                .body("reasons[0].clause", equalTo("2.3"))
                .body(
                        "reasons[0].message",
                        equalTo(label(resident)
                                + " is located in CN (China), a banned jurisdiction: `api.access` is refused"))
                .body("reasons[0].evidence.jurisdiction", equalTo("CN"))
                .body("reasons[0].evidence.party.partyId", equalTo(resident));
    }

    @Test
    void aUniversityInABannedJurisdictionIsDenied() {
        String university = createParty(unique("cn-university"), "UNIVERSITY", "CN");

        decide(university, "api.access")
                .body("decision", equalTo("DENY"))
                .body("reasons", hasSize(1))
                .body("reasons[0].rule", equalTo(ORGANISATION_BAN_RULE))
                .body("reasons[0].clause", equalTo("2.2"))
                .body(
                        "reasons[0].message",
                        equalTo(label(university)
                                + " is headquartered in CN (China), a banned jurisdiction: `api.access` is refused"))
                .body("reasons[0].evidence.jurisdiction", equalTo("CN"))
                .body("reasons[0].evidence.party.kind", equalTo("UNIVERSITY"));
    }

    @Test
    void aGovernmentInABannedJurisdictionIsDenied() {
        String government = createParty(unique("kp-government"), "GOVERNMENT", "KP");

        decide(government, "commercial.partnership")
                .body("decision", equalTo("DENY"))
                .body("reasons[0].clause", equalTo("2.2"))
                .body("reasons[0].evidence.jurisdiction", equalTo("KP"));
    }

    // ---- Exemptions (clause 4.1) ----------------------------------------------------------------

    @Test
    void publicationsAreReadableByACompanyInABannedJurisdiction() {
        String company = createParty(unique("cn-company"), "COMPANY", "CN");

        decide(company, "publication.read")
                .body("decision", equalTo("PERMIT"))
                .body("action", equalTo("publication.read"))
                .body("reasons", hasSize(1))
                .body("reasons[0].rule", equalTo(PUBLICATIONS_RULE))
                .body("reasons[0].clause", equalTo("4.1"))
                .body("reasons[0].effect", equalTo("PERMIT"))
                .body("reasons[0].evidence.party.partyId", equalTo(company));
    }

    @Test
    void publicationsAreReadableByARestrictedCompany() {
        Group group = Group.create();
        decide(group.company, "publication.read")
                .body("decision", equalTo("PERMIT"))
                .body("reasons[0].clause", equalTo("4.1"));
    }

    // ---- Registry changes reach the next decision -----------------------------------------------

    @Test
    void stakeChangesAreVisibleToTheVeryNextDecision() {
        String company = createParty(unique("de-company"), "COMPANY", "DE");
        String cn = createParty(unique("cn-owner"), "COMPANY", "CN");
        setStake(company, cn, "60");
        decide(company, "api.access").body("decision", equalTo("DENY"));

        api().when()
                .delete("/v1/parties/{id}/owners/{ownerId}", company, cn)
                .then()
                .statusCode(204);
        decide(company, "api.access")
                .body("decision", equalTo("PERMIT"))
                .body("reasons[0].evidence.ownership[0].restrictedShare", decimal("0"));

        setStake(company, cn, "50.000001");
        decide(company, "api.access").body("decision", equalTo("DENY"));

        // Exactly 50% is not denied: permitted, with the look-through advice of clause 3.4.
        setStake(company, cn, "50");
        decide(company, "api.access")
                .body("decision", equalTo("PERMIT"))
                .body("advice.code", contains("enhanced-due-diligence"));
    }

    @Test
    void partyChangesAreVisibleToTheVeryNextDecision() {
        String company = createParty(unique("de-company"), "COMPANY", "DE");
        String owner = createParty(unique("owner"), "COMPANY", "CN");
        setStake(company, owner, "75");
        decide(company, "api.access").body("decision", equalTo("DENY"));

        // The owner moves its headquarters out of the banned jurisdiction: no longer a seed.
        putParty(owner, partyBody("Moved", "COMPANY", "HK", null)).statusCode(200);
        decide(company, "api.access").body("decision", equalTo("PERMIT"));
        decide(owner, "api.access").body("decision", equalTo("PERMIT"));

        putParty(owner, partyBody("Moved back", "COMPANY", "CN", null)).statusCode(200);
        decide(company, "api.access").body("decision", equalTo("DENY"));

        // Deleting the owner with its stakes removes the restriction with it.
        api().queryParam("withStakes", true)
                .when()
                .delete("/v1/parties/{id}", owner)
                .then()
                .statusCode(204);
        decide(company, "api.access").body("decision", equalTo("PERMIT"));
        assertProblem(
                postDecision(Map.of("subject", Map.of("partyId", owner), "action", "api.access")),
                422,
                "unknown-party");
    }

    // ---- Identity of decisions ------------------------------------------------------------------

    @Test
    void everyDecisionHasItsOwnIdAndTheSamePolicyVersion() {
        String company = createParty(unique("fr-company"), "COMPANY", "FR");
        String university = createParty(unique("cn-university"), "UNIVERSITY", "CN");

        Set<String> ids = new HashSet<>();
        Set<String> versions = new HashSet<>();
        for (String subject : new String[] {company, university, company, university, company}) {
            ValidatableResponse response = decide(subject, "api.access")
                    .body("decisionId", notNullValue())
                    .body("policyVersion", matchesPattern("[0-9a-f]{16}"));
            ids.add(response.extract().path("decisionId"));
            versions.add(response.extract().path("policyVersion"));
        }
        assertThat("every decision has its own id", ids, hasSize(5));
        assertThat("one rule set decided them all", versions, hasSize(1));
    }

    // ---- Refused requests -----------------------------------------------------------------------

    @Test
    void anUnknownSubjectIsRefused() {
        String nobody = unique("nobody");
        assertProblem(
                postDecision(Map.of("subject", Map.of("partyId", nobody), "action", "api.access")),
                422,
                "unknown-party");
    }

    @Test
    void anUnknownEndCustomerIsRefused() {
        String reseller = createParty(unique("us-reseller"), "COMPANY", "US");
        String nobody = unique("nobody");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", Map.of("partyId", reseller));
        body.put("action", "api.access");
        body.put("onBehalfOf", Map.of("partyId", nobody));
        assertProblem(postDecision(body), 422, "unknown-party");
    }

    @Test
    void anUnknownActionIsRefused() {
        String company = createParty(unique("fr-company"), "COMPANY", "FR");
        assertProblem(
                postDecision(Map.of("subject", Map.of("partyId", company), "action", "api.write")),
                400,
                "unknown-action");
        assertProblem(
                postDecision(Map.of("subject", Map.of("partyId", company), "action", "API.ACCESS")),
                400,
                "unknown-action");
    }

    @Test
    void aMissingActionIsRefused() {
        String company = createParty(unique("fr-company"), "COMPANY", "FR");
        assertProblem(postDecision(Map.of("subject", Map.of("partyId", company))), 400, "missing-action");
    }

    @Test
    void aMissingSubjectIsRefused() {
        assertProblem(postDecision(Map.of("action", "api.access")), 400, "missing-subject");
        assertProblem(postDecision(Map.of("subject", Map.of(), "action", "api.access")), 400, "missing-subject");
        assertProblem(postDecision("{\"subject\": null, \"action\": \"api.access\"}"), 400, "missing-subject");
    }

    @Test
    void aMisspeltFieldIsRefusedNotIgnored() {
        // Ignored, `onBehalfof` would skip the end-customer check and permit a restricted customer.
        Group group = Group.create();
        String reseller = createParty(unique("us-reseller"), "COMPANY", "US");
        assertProblem(
                        postDecision("{\"subject\": {\"partyId\": \"" + reseller + "\"}, \"action\": \"api.access\", "
                                + "\"onBehalfof\": {\"partyId\": \"" + group.company + "\"}}"),
                        400,
                        "unknown-field")
                .body("detail", containsString("onBehalfof"));
        assertProblem(
                postDecision("{\"subject\": {\"partyID\": \"" + reseller + "\"}, \"action\": \"api.access\"}"),
                400,
                "unknown-field");
    }

    @Test
    void malformedJsonIsRefused() {
        assertProblem(postDecision("{\"subject\": {\"partyId\": \"x\"}, \"action\": "), 400, "malformed-json");
        assertProblem(postDecision("subject=x&action=api.access"), 400, "malformed-json");
    }

    @Test
    void aMissingBodyIsRefused() {
        assertProblem(api().when().post("/v1/decisions").then(), 400, "missing-body");
    }

    // ---- Helpers --------------------------------------------------------------------------------

    /** How explanations name a party created by {@link ApiTestSupport#createParty}. */
    private static String label(String id) {
        return "`" + id + "` (Party " + id + ")";
    }
}
