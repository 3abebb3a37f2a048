package io.clearance.ownership.evidence;

import io.clearance.domain.Share;
import io.clearance.ownership.Finding;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link Finding} as the evidence of a decision: the lower bound's proof at the top (what denies), and
 * both bounds under {@code bounds}, with the upper bound's proof where it passes and the lower does not
 * (what reviews).
 */
public final class FindingBoundsEvidence {

    private FindingBoundsEvidence() {}

    public static Map<String, Object> of(Finding finding) {
        return of(finding, EvidenceLimits.DEFAULT);
    }

    /** The evidence within {@code limits}: a cut proof says so where it is cut; see {@link EvidenceLimits}. */
    public static Map<String, Object> of(Finding finding, EvidenceLimits limits) {
        Map<String, Object> evidence;
        Map<String, Object> upper;
        Map<String, Object> upperSummary = new LinkedHashMap<>();
        upperSummary.put("restrictedShare", finding.upperShare());
        if (finding instanceof Finding.ByLookThrough look) {
            evidence = LookThroughEvidence.of(look.measure(), look.lower(), limits);
            upper = finding.uncertain() ? LookThroughEvidence.of(look.measure(), look.upper(), limits) : null;
        } else {
            Finding.ByExtension extension = (Finding.ByExtension) finding;
            evidence = FindingEvidence.of(extension.measure(), extension.lower(), limits);
            if (extension.counterfactual() != null) {
                evidence.put("counterfactual", extension.counterfactual().evidence(extension.measure()));
            }
            upper = finding.uncertain() ? FindingEvidence.of(extension.measure(), extension.upper(), limits) : null;
            if (extension.upper().restrictedShareExclusive()) {
                upperSummary.put("exclusive", true);
            }
            if (extension.upper().unaccounted() > 0) {
                upperSummary.put(
                        "unaccounted", Share.toPercent(extension.upper().unaccounted()));
            }
        }
        Map<String, Object> bounds = new LinkedHashMap<>();
        bounds.put("lower", bound(evidence, finding.exceeded()));
        Map<String, Object> upperBound = upper == null ? bound(upperSummary, finding.possiblyExceeded()) : upper;
        if (upper != null) {
            // The upper proof without what repeats the finding: test, semantics and party are above.
            upperBound.remove("test");
            upperBound.remove("semantics");
            upperBound.remove("party");
            upperBound.remove("comparison");
            upperBound.remove("threshold");
        }
        bounds.put("upper", upperBound);
        bounds.put("certain", finding.exceeded() == finding.possiblyExceeded());
        evidence.put("possiblyExceeded", finding.possiblyExceeded());
        evidence.put("bounds", bounds);
        return evidence;
    }

    private static Map<String, Object> bound(Map<String, Object> from, boolean exceeded) {
        Map<String, Object> bound = new LinkedHashMap<>();
        bound.put("restrictedShare", from.get("restrictedShare"));
        for (String optional : new String[] {"restrictedShareExact", "exclusive", "unaccounted"}) {
            if (from.containsKey(optional)) {
                bound.put(optional, from.get(optional));
            }
        }
        bound.put("exceeded", exceeded);
        return bound;
    }
}
