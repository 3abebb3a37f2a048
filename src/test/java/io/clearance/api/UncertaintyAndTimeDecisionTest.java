package io.clearance.api;

import static io.clearance.api.ApiTestSupport.DEFAULT_RULE;
import static io.clearance.api.ApiTestSupport.OWNERSHIP_RULE;
import static io.clearance.api.ApiTestSupport.assertProblem;
import static io.clearance.api.ApiTestSupport.createParty;
import static io.clearance.api.ApiTestSupport.decimal;
import static io.clearance.api.ApiTestSupport.postDecision;
import static io.clearance.api.ApiTestSupport.putStakeJson;
import static io.clearance.api.ApiTestSupport.setStake;
import static io.clearance.api.ApiTestSupport.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/decisions} over ranges of stakes (REVIEW between the bounds, both bounds in the evidence),
 * control without a percentage, dated stakes and bans with a request's {@code at}, and the counterfactual in
 * the answer.
 *
 * <p>Every party id carries a random suffix: all {@code @QuarkusTest} classes of a run share one database.
 */
@QuarkusTest
class UncertaintyAndTimeDecisionTest {

    private static final String UNCERTAIN_RULE =
            "Organisations that ranges of stakes leave possibly more than 50% owned by restricted parties are flagged for review";
    private static final String RESELLER_UNCERTAIN_RULE =
            "Requests on behalf of an end customer possibly more than 50% owned by restricted parties are flagged for review";

    private static ValidatableResponse decideAt(String subject, String at) {
        String instant = at == null ? "" : ", \"at\": \"" + at + "\"";
        return postDecision(
                        "{\"subject\": {\"partyId\": \"" + subject + "\"}, \"action\": \"api.access\"" + instant + "}")
                .statusCode(200);
    }

    private static void accepted(ValidatableResponse response) {
        response.statusCode(lessThan(300));
    }

    @Test
    void aBandAcrossTheThresholdIsReviewedWithBothBounds() {
        String cn = createParty(unique("band-cn"), "COMPANY", "CN");
        String target = createParty(unique("band-de"), "COMPANY", "DE");
        accepted(putStakeJson(target, cn, "{\"percent\": {\"min\": 25, \"max\": 75}}"));

        decideAt(target, null)
                .body("decision", equalTo("REVIEW"))
                .body("reasons", hasSize(1))
                .body("reasons[0].rule", equalTo(UNCERTAIN_RULE))
                .body("reasons[0].clause", equalTo("3.5"))
                .body("reasons[0].message", containsString("held between 25% and 75% by restricted parties"))
                .body("reasons[0].evidence.exceeded", equalTo(false))
                .body("reasons[0].evidence.possiblyExceeded", equalTo(true))
                .body("reasons[0].evidence.bounds.certain", equalTo(false))
                .body("reasons[0].evidence.bounds.lower.restrictedShare", decimal("25"))
                .body("reasons[0].evidence.bounds.lower.exclusive", equalTo(true))
                .body("reasons[0].evidence.bounds.upper.restrictedShare", decimal("75"))
                .body("reasons[0].evidence.bounds.upper.exceeded", equalTo(true))
                .body("reasons[0].evidence.bounds.upper.restrictedOwners[0].partyId", equalTo(cn))
                .body("reasons[0].evidence.bounds.upper.restrictedOwners[0].range.min", decimal("25"))
                .body("reasons[0].evidence.bounds.upper.restrictedOwners[0].range.max", decimal("75"));
    }

    @Test
    void moreThanHalfAsAnExclusiveBoundIsDeniedWithItsCounterfactual() {
        String cn = createParty(unique("excl-cn"), "COMPANY", "CN");
        String target = createParty(unique("excl-de"), "COMPANY", "DE");
        accepted(putStakeJson(target, cn, "{\"percent\": {\"min\": 50, \"max\": 75}}"));

        decideAt(target, null)
                .body("decision", equalTo("DENY"))
                .body("reasons[0].rule", equalTo(OWNERSHIP_RULE))
                .body("reasons[0].evidence.restrictedShare", decimal("50"))
                .body("reasons[0].evidence.exclusive", equalTo(true))
                .body("reasons[0].evidence.bounds.certain", equalTo(true))
                .body("reasons[0].evidence.counterfactual.singleStakeRemovals[0].owner.partyId", equalTo(cn))
                .body("reasons[0].evidence.counterfactual.singleStakeRemovals[0].shareAfter", decimal("0"));
    }

    @Test
    void aBandBelowTheThresholdIsPermittedAndStillShowsItsBounds() {
        String cn = createParty(unique("low-cn"), "COMPANY", "CN");
        String target = createParty(unique("low-de"), "COMPANY", "DE");
        accepted(putStakeJson(target, cn, "{\"percent\": {\"min\": 5, \"max\": 20}}"));

        decideAt(target, null)
                .body("decision", equalTo("PERMIT"))
                .body("reasons[0].rule", equalTo(DEFAULT_RULE))
                .body("reasons[0].evidence.ownership[0].bounds.upper.restrictedShare", decimal("20"))
                .body("reasons[0].evidence.ownership[0].possiblyExceeded", equalTo(false));
    }

    @Test
    void consolidationByABannedJurisdictionParentRestrictsWithoutAShare() {
        String cn = createParty(unique("ctl-cn"), "COMPANY", "CN");
        String target = createParty(unique("ctl-sg"), "COMPANY", "SG");
        accepted(putStakeJson(target, cn, "{\"control\": [\"consolidation\"]}"));

        decideAt(target, null)
                .body("decision", equalTo("DENY"))
                .body("reasons[0].rule", equalTo(OWNERSHIP_RULE))
                .body("reasons[0].message", containsString("controlled by a restricted party (consolidation)"))
                .body("reasons[0].evidence.controlled", equalTo(true))
                .body("reasons[0].evidence.restrictedOwners[0].partyId", equalTo(cn))
                .body("reasons[0].evidence.restrictedOwners[0].control", equalTo(java.util.List.of("consolidation")));
    }

    @Test
    void aDecisionAtAnInstantBeforeTheChinaBanCountsNoChineseOwner() {
        String cn = createParty(unique("at-cn"), "COMPANY", "CN");
        String target = createParty(unique("at-de"), "COMPANY", "DE");
        setStake(target, cn, "60");

        decideAt(target, null).body("decision", equalTo("DENY")).body("at", nullValue());
        decideAt(target, "2025-09-04T23:59:59Z")
                .body("decision", equalTo("PERMIT"))
                .body("at", equalTo("2025-09-04T23:59:59Z"));
        decideAt(target, "2025-09-05T00:00:00Z").body("decision", equalTo("DENY"));
        // Headquarters in China, before the ban: not banned either.
        decideAt(cn, "2025-06-01T00:00:00Z").body("decision", equalTo("PERMIT"));
    }

    @Test
    void aDatedStakeCountsOnlyWhileInForce() {
        String ru = createParty(unique("dated-ru"), "COMPANY", "RU");
        String target = createParty(unique("dated-de"), "COMPANY", "DE");
        accepted(putStakeJson(
                target, ru, "{\"percent\": 70, \"validFrom\": \"2024-01-01\", \"validTo\": \"2025-01-01T00:00:00Z\"}"));

        decideAt(target, "2024-06-01T00:00:00Z").body("decision", equalTo("DENY"));
        decideAt(target, "2023-06-01T00:00:00Z").body("decision", equalTo("PERMIT"));
        decideAt(target, null).body("decision", equalTo("PERMIT"));
    }

    @Test
    void aResellerServingAPossiblyRestrictedCustomerIsReviewed() {
        String cn = createParty(unique("rs-cn"), "COMPANY", "CN");
        String customer = createParty(unique("rs-customer"), "COMPANY", "DE");
        String reseller = createParty(unique("rs-reseller"), "COMPANY", "US");
        accepted(putStakeJson(customer, cn, "{\"percent\": {\"min\": 40, \"max\": 60}}"));

        postDecision("{\"subject\": {\"partyId\": \"" + reseller + "\"}, \"action\": \"api.access\","
                        + " \"onBehalfOf\": {\"partyId\": \"" + customer + "\"}}")
                .statusCode(200)
                .body("decision", equalTo("REVIEW"))
                .body("reasons.rule", org.hamcrest.Matchers.hasItem(RESELLER_UNCERTAIN_RULE));
    }

    @Test
    void anInstantThatIsNotISO8601IsRefused() {
        String target = createParty(unique("bad-at"), "COMPANY", "DE");
        assertProblem(
                postDecision("{\"subject\": {\"partyId\": \"" + target
                        + "\"}, \"action\": \"api.access\", \"at\": \"yesterday\"}"),
                400,
                "invalid-at");
        assertProblem(
                postDecision("{\"subject\": {\"partyId\": \"" + target
                        + "\"}, \"action\": \"api.access\", \"at\": 1735689600}"),
                400,
                "invalid-field");
    }
}
