package io.clearance.ownership.evidence;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.Share;
import io.clearance.ownership.Comparison;
import io.clearance.ownership.Rational;
import io.clearance.ownership.RestrictionCriteria;
import io.clearance.ownership.graph.StakeSource;
import java.util.List;

/**
 * Why an ownership test was met, turned round: what share would not have met it, how far above that the
 * party is, and which single stake's removal, on its own, would bring it below (each checked by computing
 * the test again without that stake, so knock-on effects through restricted intermediaries and cycles
 * count).
 *
 * @param current the share found, as an exact fraction of the whole
 * @param removals the stakes whose removal alone would make the test not met, largest first
 * @param coverage which stakes were tried, in words, for the auditor
 * @param truncated more stakes were candidates than were tried
 */
public record Counterfactual(
        PartyInfo party,
        RestrictionCriteria criteria,
        Rational current,
        List<StakeRemoval> removals,
        String coverage,
        boolean truncated) {

    /**
     * One stake whose removal alone flips the test.
     *
     * @param direct the owner holds the stake in the party decided on itself, not in an intermediary
     * @param shareAfter the party's share once the stake is gone
     * @param source where the registry has the stake from ({@link StakeSourcesAlong} looks it up); null for a
     *     stake typed through the API, or not looked up
     */
    public record StakeRemoval(
            PartyInfo owner, PartyInfo owned, long stake, boolean direct, Rational shareAfter, StakeSource source) {

        /** A removal whose source is not looked up (yet): the walks that find removals know shares only. */
        public StakeRemoval(PartyInfo owner, PartyInfo owned, long stake, boolean direct, Rational shareAfter) {
            this(owner, owned, stake, direct, shareAfter, null);
        }
    }

    /** How far above the threshold, in percentage points (zero when exactly at an inclusive threshold). */
    public Rational excess() {
        return current.subtract(Rational.ofShare(criteria.threshold()));
    }

    /** "`spree-de` would not meet the test if restricted parties held 50% or less: currently 60%, 10 points above". */
    public String text(String testId) {
        String threshold = Share.toPercent(criteria.threshold()).toPlainString();
        String bound = criteria.comparison() == Comparison.GREATER_THAN
                ? threshold + "% or less"
                : "less than " + threshold + "%";
        Rational excess = excess();
        if (excess.signum() < 0 || excess.isZero() && criteria.comparison() == Comparison.GREATER_THAN) {
            // Met without the share passing: a restricted owner's control (or an exclusive range bound) did it.
            return "`" + party.id() + "` meets the `" + testId + "` test although restricted parties hold "
                    + current.toPercent().toPlainString() + "%, through control a restricted owner holds or a range"
                    + " whose bound is exclusive; the removals below say which stake would lift it";
        }
        String distance = excess.isZero()
                ? "exactly at the threshold"
                : excess.toPercent().toPlainString() + " points above";
        return "`" + party.id() + "` would not meet the `" + testId + "` test if restricted parties held " + bound
                + ": currently " + current.toPercent().toPlainString() + "%, " + distance;
    }

    /** The counterfactual as evidence, under {@code evidence.counterfactual}. */
    public CounterfactualEvidence evidence(String testId) {
        return new CounterfactualEvidence(
                text(testId),
                (criteria.comparison() == Comparison.GREATER_THAN ? "<= " : "< ")
                        + Share.toPercent(criteria.threshold()).toPlainString(),
                current.toPercent(),
                excess().toPercent(),
                removals.stream().map(Counterfactual::removal).toList(),
                coverage,
                truncated);
    }

    private static CounterfactualEvidence.Removal removal(StakeRemoval removal) {
        return new CounterfactualEvidence.Removal(
                PartyEvidence.of(removal.owner()),
                PartyEvidence.of(removal.owned()),
                Share.toPercent(removal.stake()),
                removal.direct(),
                removal.shareAfter().toPercent(),
                OwnerEvidence.Source.of(removal.source()),
                "without the " + Share.toPercent(removal.stake()).toPlainString() + "% stake `"
                        + removal.owner().id() + "` holds in `"
                        + removal.owned().id() + "` the share would be "
                        + removal.shareAfter().toPercent().toPlainString() + "%");
    }
}
