package io.clearance.ownership.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.math.BigDecimal;
import java.util.List;

/**
 * A {@link Counterfactual} as evidence, under a finding's {@code counterfactual}: the sentence, the share
 * that would not have met the test, the share found and how far above, and each single stake whose removal
 * alone would flip the test.
 *
 * @param notMetIf "&lt;= 50" or "&lt; 25": the shares that would not meet the test
 * @param removalsCovered which stakes were tried, in words
 * @param removalsTruncated more stakes were candidates than were tried
 */
public record CounterfactualEvidence(
        String text,
        String notMetIf,
        BigDecimal currentShare,
        BigDecimal excess,
        List<Removal> singleStakeRemovals,
        String removalsCovered,
        boolean removalsTruncated) {

    /**
     * One stake whose removal alone flips the test.
     *
     * @param direct the owner holds the stake in the party decided on itself, not in an intermediary
     * @param shareAfter the party's share once the stake is gone
     * @param source where the registry has the stake from: the source, its record and the date it is as of,
     *     as a chain's hop names it; absent for a stake typed through the API
     */
    public record Removal(
            PartyEvidence owner,
            PartyEvidence owned,
            BigDecimal percent,
            boolean direct,
            BigDecimal shareAfter,
            @JsonInclude(Include.NON_NULL) OwnerEvidence.Source source,
            String text) {}
}
