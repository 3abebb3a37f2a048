package io.clearance.ownership.evidence;

import io.clearance.domain.Share;
import io.clearance.ownership.Rational;
import io.clearance.ownership.RestrictionCriteria;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link LookThroughFinding} as the evidence of a decision, in the shape of
 * {@link FindingEvidence} where the two agree (test, semantics, party, restrictedShare, comparison,
 * threshold, exceeded, paths). Shares show rounded half-up to six decimal places; when that loses
 * anything, {@code restrictedShareExact} gives the exact percentage as a fraction, and the comparison was
 * made on that.
 */
public final class LookThroughEvidence {

    private LookThroughEvidence() {}

    public static Map<String, Object> of(String testId, LookThroughFinding finding) {
        return of(testId, finding, EvidenceLimits.DEFAULT);
    }

    /** The evidence with chains longer than {@code limits} allow cut in the middle; see {@link EvidenceLimits}. */
    public static Map<String, Object> of(String testId, LookThroughFinding finding, EvidenceLimits limits) {
        RestrictionCriteria criteria = finding.criteria();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("test", testId);
        evidence.put("semantics", "look-through");
        evidence.put("party", FindingEvidence.party(finding.party()));
        evidence.put("restrictedShare", finding.restrictedShare().toPercent());
        if (!finding.restrictedShare().isExactShare()) {
            evidence.put("restrictedShareExact", finding.restrictedShare().toExactPercent());
        }
        if (!finding.exact()) {
            evidence.put("exact", false);
            evidence.put(
                    "note",
                    "the ancestors are beyond the exact solver's budget: restrictedShare is a lower bound,"
                            + " the sum of the listed chains");
        }
        evidence.put("comparison", criteria.comparison().symbol());
        evidence.put("threshold", Share.toPercent(criteria.threshold()));
        evidence.put("exceeded", finding.exceeded());
        if (criteria.isSeed(finding.party())) {
            evidence.put("seed", true);
        }
        long hopsLeftOut = 0;
        List<Map<String, Object>> paths = new ArrayList<>(finding.paths().size());
        for (LookThroughPath path : finding.paths()) {
            Map<String, Object> rendered = new LinkedHashMap<>();
            Rational contribution = path.contribution();
            rendered.put("contribution", contribution.toPercent());
            if (!contribution.isExactShare()) {
                rendered.put("contributionExact", contribution.toExactPercent());
            }
            ChainEvidence chain = ChainEvidence.of(path.parties(), path.stakes(), limits.maxPathHops());
            chain.into(rendered);
            hopsLeftOut += chain.leftOut();
            paths.add(rendered);
        }
        evidence.put("paths", paths);
        evidence.put("pathsTruncated", finding.pathsTruncated());
        evidence.put("unlistedPathsAdd", finding.unlisted().toPercent());
        if (finding.counterfactual() != null) {
            evidence.put("counterfactual", finding.counterfactual().evidence(testId));
        }
        FindingEvidence.truncated(evidence, 0, hopsLeftOut);
        return evidence;
    }

    /** "`x` (X, CN) -49%-> `a` (A, DE) -100%-> `b` (B, DE)". */
    public static String pathText(LookThroughPath path) {
        return FindingEvidence.chainText(path.parties(), path.stakes());
    }
}
