package io.clearance.ownership.evidence;

import io.clearance.domain.Share;
import io.clearance.ownership.Finding;

/**
 * A {@link Finding} as the evidence of a decision: the lower bound's proof at the top (what denies), and
 * both bounds under {@code bounds}, with the upper bound's proof where it passes and the lower does not
 * (what reviews).
 */
public final class FindingBoundsEvidence {

    private FindingBoundsEvidence() {}

    public static FindingEvidence of(Finding finding) {
        return of(finding, EvidenceLimits.DEFAULT);
    }

    /** The evidence within {@code limits}: a cut proof says so where it is cut; see {@link EvidenceLimits}. */
    public static FindingEvidence of(Finding finding, EvidenceLimits limits) {
        boolean certain = finding.exceeded() == finding.possiblyExceeded();
        if (finding instanceof Finding.ByLookThrough look) {
            LookThroughEvidence lower = LookThroughEvidence.of(look.measure(), look.lower(), limits);
            BoundEvidence upper = finding.uncertain()
                    ? LookThroughEvidence.of(look.measure(), look.upper(), limits)
                            .asUpperBound()
                    : new BoundEvidence.Summary(finding.upperShare(), null, null, null, finding.possiblyExceeded());
            BoundEvidence.Summary lowerBound = new BoundEvidence.Summary(
                    lower.restrictedShare(), lower.restrictedShareExact(), null, null, finding.exceeded());
            return lower.withBounds(finding.possiblyExceeded(), new BoundsEvidence(lowerBound, upper, certain));
        }
        Finding.ByExtension extension = (Finding.ByExtension) finding;
        ExtensionEvidence lower = ExtensionEvidence.of(extension.measure(), extension.lower(), limits);
        ExtensionFinding upperFinding = extension.upper();
        BoundEvidence upper = finding.uncertain()
                ? ExtensionEvidence.of(extension.measure(), upperFinding, limits)
                        .asUpperBound()
                : new BoundEvidence.Summary(
                        finding.upperShare(),
                        null,
                        upperFinding.restrictedShareExclusive() ? Boolean.TRUE : null,
                        upperFinding.unaccounted() > 0 ? Share.toPercent(upperFinding.unaccounted()) : null,
                        finding.possiblyExceeded());
        BoundEvidence.Summary lowerBound = new BoundEvidence.Summary(
                lower.restrictedShare(), null, lower.exclusive(), lower.unaccounted(), finding.exceeded());
        return lower.withBounds(
                extension.counterfactual() == null
                        ? null
                        : extension.counterfactual().evidence(extension.measure()),
                finding.possiblyExceeded(),
                new BoundsEvidence(lowerBound, upper, certain));
    }
}
