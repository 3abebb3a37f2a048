package io.clearance.ownership.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import io.clearance.domain.Share;
import io.clearance.ownership.Rational;
import io.clearance.ownership.RestrictionCriteria;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The evidence of a look-through finding, in the shape of {@link ExtensionEvidence} where the two agree
 * (test, semantics, party, restrictedShare, comparison, threshold, exceeded, paths). Shares show rounded
 * half-up to six decimal places; when that loses anything, {@code restrictedShareExact} gives the exact
 * percentage as a fraction, and the comparison was made on that.
 *
 * @param exact {@code false} (else absent): the ancestors were beyond the exact solver's budget, and
 *     {@code restrictedShare} is a lower bound, which {@code note} says in words
 * @param seed the party is a seed itself
 * @param unlistedPathsAdd what every chain not listed adds together
 * @param truncated a chain shows less than it holds; {@code hopsLeftOut}: chain parties not shown
 * @param possiblyExceeded the upper bound passes the threshold; with {@code bounds}, only at the top
 */
public record LookThroughEvidence(
        @JsonInclude(Include.NON_NULL) String test,
        @JsonInclude(Include.NON_NULL) String semantics,
        @JsonInclude(Include.NON_NULL) PartyEvidence party,
        BigDecimal restrictedShare,
        @JsonInclude(Include.NON_NULL) String restrictedShareExact,
        @JsonInclude(Include.NON_NULL) Boolean exact,
        @JsonInclude(Include.NON_NULL) String note,
        @JsonInclude(Include.NON_NULL) String comparison,
        @JsonInclude(Include.NON_NULL) BigDecimal threshold,
        boolean exceeded,
        @JsonInclude(Include.NON_NULL) Boolean seed,
        List<PathEvidence> paths,
        boolean pathsTruncated,
        BigDecimal unlistedPathsAdd,
        @JsonInclude(Include.NON_NULL) CounterfactualEvidence counterfactual,
        @JsonInclude(Include.NON_NULL) Boolean truncated,
        @JsonInclude(Include.NON_NULL) Long hopsLeftOut,
        @JsonInclude(Include.NON_NULL) Boolean possiblyExceeded,
        @JsonInclude(Include.NON_NULL) BoundsEvidence bounds)
        implements FindingEvidence {

    /** The semantics as the evidence names it. */
    public static final String SEMANTICS = "look-through";

    private static final String INEXACT = "the ancestors are beyond the exact solver's budget: restrictedShare is a"
            + " lower bound, the sum of the listed chains";

    public static LookThroughEvidence of(String testId, LookThroughFinding finding) {
        return of(testId, finding, EvidenceLimits.DEFAULT);
    }

    /** The evidence with chains longer than {@code limits} allow cut in the middle; see {@link EvidenceLimits}. */
    public static LookThroughEvidence of(String testId, LookThroughFinding finding, EvidenceLimits limits) {
        RestrictionCriteria criteria = finding.criteria();
        long hopsLeftOut = 0;
        List<PathEvidence> paths = new ArrayList<>(finding.paths().size());
        for (LookThroughPath path : finding.paths()) {
            Rational contribution = path.contribution();
            ChainEvidence chain = ChainEvidence.of(path.parties(), path.stakes(), path.sources(), limits.maxPathHops());
            hopsLeftOut += chain.leftOut();
            paths.add(PathEvidence.of(
                    contribution.toPercent(),
                    contribution.isExactShare() ? null : contribution.toExactPercent(),
                    chain));
        }
        Rational share = finding.restrictedShare();
        return new LookThroughEvidence(
                testId,
                SEMANTICS,
                PartyEvidence.of(finding.party()),
                share.toPercent(),
                share.isExactShare() ? null : share.toExactPercent(),
                finding.exact() ? null : Boolean.FALSE,
                finding.exact() ? null : INEXACT,
                criteria.comparison().symbol(),
                Share.toPercent(criteria.threshold()),
                finding.exceeded(),
                criteria.isSeed(finding.party()) ? Boolean.TRUE : null,
                List.copyOf(paths),
                finding.pathsTruncated(),
                finding.unlisted().toPercent(),
                finding.counterfactual() == null
                        ? null
                        : finding.counterfactual().evidence(testId),
                hopsLeftOut > 0 ? Boolean.TRUE : null,
                hopsLeftOut > 0 ? hopsLeftOut : null,
                null,
                null);
    }

    /** "`x` (X, CN) -49%-> `a` (A, DE) -100%-> `b` (B, DE)". */
    public static String pathText(LookThroughPath path) {
        return ChainEvidence.text(path.parties(), path.stakes());
    }

    /** This evidence with both bounds added: the top of a finding's evidence. */
    LookThroughEvidence withBounds(boolean possiblyExceeded, BoundsEvidence bounds) {
        return new LookThroughEvidence(
                test,
                semantics,
                party,
                restrictedShare,
                restrictedShareExact,
                exact,
                note,
                comparison,
                threshold,
                exceeded,
                seed,
                paths,
                pathsTruncated,
                unlistedPathsAdd,
                counterfactual,
                truncated,
                hopsLeftOut,
                possiblyExceeded,
                bounds);
    }

    /** This evidence as the upper bound's proof: without what the finding above it already says. */
    LookThroughEvidence asUpperBound() {
        return new LookThroughEvidence(
                null,
                null,
                null,
                restrictedShare,
                restrictedShareExact,
                exact,
                note,
                null,
                null,
                exceeded,
                seed,
                paths,
                pathsTruncated,
                unlistedPathsAdd,
                counterfactual,
                truncated,
                hopsLeftOut,
                possiblyExceeded,
                bounds);
    }
}
