package io.clearance.ownership.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import io.clearance.domain.Share;
import io.clearance.ownership.RestrictionCriteria;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The evidence of a restriction-by-extension finding: the share restricted parties hold against the
 * threshold, the proof tree of restricted owners down to the seeds, and the chains that make up the share.
 *
 * @param exclusive an exclusive range bound: the true share is strictly beyond {@code restrictedShare}
 * @param unaccounted what no recorded owner holds, when the measure counts it
 * @param controlled a restricted owner controls the party in a way the measure counts
 * @param truncated the proof or a chain shows less than the finding holds ({@link EvidenceLimits})
 * @param ownersLeftOut proof nodes not shown; {@code hopsLeftOut}: chain parties not shown
 * @param counterfactual how the party would fall below the threshold (the lower bound, when exceeded)
 * @param possiblyExceeded the upper bound passes the threshold; with {@code bounds}, only at the top
 */
public record ExtensionEvidence(
        @JsonInclude(Include.NON_NULL) String test,
        @JsonInclude(Include.NON_NULL) String semantics,
        @JsonInclude(Include.NON_NULL) PartyEvidence party,
        BigDecimal restrictedShare,
        @JsonInclude(Include.NON_NULL) Boolean exclusive,
        @JsonInclude(Include.NON_NULL) BigDecimal unaccounted,
        @JsonInclude(Include.NON_NULL) Boolean controlled,
        @JsonInclude(Include.NON_NULL) String comparison,
        @JsonInclude(Include.NON_NULL) BigDecimal threshold,
        boolean exceeded,
        List<OwnerEvidence> restrictedOwners,
        List<PathEvidence> paths,
        boolean pathsTruncated,
        @JsonInclude(Include.NON_NULL) Boolean truncated,
        @JsonInclude(Include.NON_NULL) Long ownersLeftOut,
        @JsonInclude(Include.NON_NULL) Long hopsLeftOut,
        @JsonInclude(Include.NON_NULL) CounterfactualEvidence counterfactual,
        @JsonInclude(Include.NON_NULL) Boolean possiblyExceeded,
        @JsonInclude(Include.NON_NULL) BoundsEvidence bounds)
        implements FindingEvidence {

    /** The semantics as the evidence names it. */
    public static final String SEMANTICS = "restricted-by-extension";

    /** The evidence of {@code finding} at its bound, within {@code limits}. */
    static ExtensionEvidence of(String testId, ExtensionFinding finding, EvidenceLimits limits) {
        RestrictionCriteria criteria = finding.criteria();
        ProofEvidence proof = ProofEvidence.of(finding.owners(), limits);
        long hopsLeftOut = 0;
        List<PathEvidence> paths = new ArrayList<>(finding.paths().size());
        for (OwnershipPath path : finding.paths()) {
            ChainEvidence chain = ChainEvidence.of(path.parties(), path.stakes(), path.sources(), limits.maxPathHops());
            hopsLeftOut += chain.leftOut();
            paths.add(PathEvidence.of(Share.toPercent(path.contribution()), null, chain));
        }
        // Nothing is marked when everything is shown, so evidence of ordinary findings keeps its shape.
        boolean cut = proof.leftOut() > 0 || hopsLeftOut > 0;
        return new ExtensionEvidence(
                testId,
                SEMANTICS,
                PartyEvidence.of(finding.party()),
                Share.toPercent(finding.restrictedShare()),
                finding.restrictedShareExclusive() ? Boolean.TRUE : null,
                finding.unaccounted() > 0 ? Share.toPercent(finding.unaccounted()) : null,
                finding.controlled() ? Boolean.TRUE : null,
                criteria.comparison().symbol(),
                Share.toPercent(criteria.threshold()),
                finding.exceeded(),
                proof.owners(),
                List.copyOf(paths),
                finding.pathsTruncated(),
                cut ? Boolean.TRUE : null,
                proof.leftOut() > 0 ? proof.leftOut() : null,
                hopsLeftOut > 0 ? hopsLeftOut : null,
                null,
                null,
                null);
    }

    /** This evidence with the counterfactual and both bounds added: the top of a finding's evidence. */
    ExtensionEvidence withBounds(
            CounterfactualEvidence counterfactual, boolean possiblyExceeded, BoundsEvidence bounds) {
        return new ExtensionEvidence(
                test,
                semantics,
                party,
                restrictedShare,
                exclusive,
                unaccounted,
                controlled,
                comparison,
                threshold,
                exceeded,
                restrictedOwners,
                paths,
                pathsTruncated,
                truncated,
                ownersLeftOut,
                hopsLeftOut,
                counterfactual,
                possiblyExceeded,
                bounds);
    }

    /** This evidence as the upper bound's proof: without what the finding above it already says. */
    ExtensionEvidence asUpperBound() {
        return new ExtensionEvidence(
                null,
                null,
                null,
                restrictedShare,
                exclusive,
                unaccounted,
                controlled,
                null,
                null,
                exceeded,
                restrictedOwners,
                paths,
                pathsTruncated,
                truncated,
                ownersLeftOut,
                hopsLeftOut,
                counterfactual,
                possiblyExceeded,
                bounds);
    }
}
