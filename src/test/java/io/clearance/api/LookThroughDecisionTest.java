package io.clearance.api;

import static io.clearance.api.ApiTestSupport.DEFAULT_RULE;
import static io.clearance.api.ApiTestSupport.OWNERSHIP_RULE;
import static io.clearance.api.ApiTestSupport.api;
import static io.clearance.api.ApiTestSupport.createParty;
import static io.clearance.api.ApiTestSupport.decide;
import static io.clearance.api.ApiTestSupport.decimal;
import static io.clearance.api.ApiTestSupport.setStake;
import static io.clearance.api.ApiTestSupport.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/decisions} for clause 3.4 and the counterfactual of clause 3.3 over HTTP: a look-through
 * holding of 25% or more answers {@code PERMIT} with the advice {@code enhanced-due-diligence} and the chains that make it up; an ownership denial
 * carries {@code evidence.counterfactual}; and a registry change moves a decision between the three.
 *
 * <p>Every party id carries a random suffix: all {@code @QuarkusTest} classes of a run share one database.
 */
@QuarkusTest
class LookThroughDecisionTest {

    private static final String ADVICE_RULE =
            "Organisations held 25% or more through look-through by restricted parties are advised for enhanced due diligence";

    @Test
    void fiftyPercentOfFiftyPercentIsPermittedWithAdviceAndItsChain() {
        String seed = createParty(unique("lt-cn"), "COMPANY", "CN");
        String middle = createParty(unique("lt-mid"), "COMPANY", "DE");
        String low = createParty(unique("lt-low"), "COMPANY", "DE");
        setStake(middle, seed, "50");
        setStake(low, middle, "50");

        decide(low)
                .body("decision", equalTo("PERMIT"))
                .body("reasons", hasSize(1))
                .body("reasons[0].rule", equalTo(DEFAULT_RULE))
                .body("reasons[0].evidence.ownership[0].test", equalTo("majority"))
                .body("reasons[0].evidence.ownership[0].restrictedShare", decimal("0"))
                .body("advice", hasSize(1))
                .body("advice[0].rule", equalTo(ADVICE_RULE))
                .body("advice[0].clause", equalTo("3.4"))
                .body("advice[0].code", equalTo("enhanced-due-diligence"))
                .body(
                        "advice[0].message",
                        containsString(
                                "held 25% through look-through by restricted parties, at least the 25% threshold"))
                .body("advice[0].evidence.semantics", equalTo("look-through"))
                .body("advice[0].evidence.restrictedShare", decimal("25"))
                .body("advice[0].evidence.paths", hasSize(1))
                .body("advice[0].evidence.paths[0].contribution", decimal("25"))
                .body("advice[0].evidence.paths[0].parties.partyId", equalTo(java.util.List.of(seed, middle, low)))
                .body("advice[0].evidence.unlistedPathsAdd", decimal("0"));
    }

    @Test
    void aDenialCarriesItsCounterfactualAndARemovedStakeMovesTheDecision() {
        String cn = createParty(unique("cf-cn"), "COMPANY", "CN");
        String ru = createParty(unique("cf-ru"), "COMPANY", "RU");
        String target = createParty(unique("cf-gb"), "COMPANY", "GB");
        setStake(target, cn, "30");
        setStake(target, ru, "32");

        decide(target)
                .body("decision", equalTo("DENY"))
                .body("reasons[0].rule", equalTo(OWNERSHIP_RULE))
                .body(
                        "reasons[0].evidence.counterfactual.text",
                        equalTo(
                                "`" + target
                                        + "` would not meet the `majority` test if restricted parties held 50% or less: currently 62%, 12 points above"))
                .body("reasons[0].evidence.counterfactual.excess", decimal("12"))
                .body("reasons[0].evidence.counterfactual.singleStakeRemovals", hasSize(2))
                .body("reasons[0].evidence.counterfactual.singleStakeRemovals[0].owner.partyId", equalTo(ru))
                .body("reasons[0].evidence.counterfactual.singleStakeRemovals[0].shareAfter", decimal("30"))
                .body("reasons[0].evidence.counterfactual.singleStakeRemovals[0].direct", equalTo(true));

        // Doing what the counterfactual says: 30% by extension is not a denial; 30% look-through is advice.
        api().when()
                .delete("/v1/parties/{id}/owners/{ownerId}", target, ru)
                .then()
                .statusCode(204);
        decide(target)
                .body("decision", equalTo("PERMIT"))
                .body("advice[0].rule", equalTo(ADVICE_RULE))
                .body("advice[0].evidence.restrictedShare", decimal("30"))
                .body("advice[0].evidence.counterfactual.singleStakeRemovals[0].owner.partyId", equalTo(cn));

        // And below 25% the request is permitted, with both findings in the evidence.
        setStake(target, cn, "24.999999");
        decide(target)
                .body("decision", equalTo("PERMIT"))
                .body("reasons[0].rule", equalTo(DEFAULT_RULE))
                .body("reasons[0].evidence.ownership.test", equalTo(java.util.List.of("majority", "indirect")))
                .body("reasons[0].evidence.ownership[1].restrictedShare", decimal("24.999999"))
                .body("reasons[0].evidence.ownership[1].exceeded", equalTo(false))
                .body("advice", hasSize(0));
    }
}
