package io.clearance.ownership.evidence;

import io.clearance.domain.ControlBasis;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.ownership.RestrictionCriteria;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders an {@link ExtensionFinding} as the evidence of a decision: plain maps and lists, in an order an
 * auditor reads top-down, with percentages as exact decimals. What it writes is the stable JSON shape of
 * ownership evidence in the v1 contract.
 */
public final class FindingEvidence {

    private FindingEvidence() {}

    public static Map<String, Object> of(String testId, ExtensionFinding finding) {
        return of(testId, finding, EvidenceLimits.DEFAULT);
    }

    /** The evidence with what {@code limits} leave out marked where it is cut; see {@link EvidenceLimits}. */
    public static Map<String, Object> of(String testId, ExtensionFinding finding, EvidenceLimits limits) {
        RestrictionCriteria criteria = finding.criteria();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("test", testId);
        evidence.put("semantics", "restricted-by-extension");
        evidence.put("party", party(finding.party()));
        evidence.put("restrictedShare", Share.toPercent(finding.restrictedShare()));
        if (finding.restrictedShareExclusive()) {
            // An exclusive range bound: the true share is strictly beyond restrictedShare.
            evidence.put("exclusive", true);
        }
        if (finding.unaccounted() > 0) {
            evidence.put("unaccounted", Share.toPercent(finding.unaccounted()));
        }
        if (finding.controlled()) {
            evidence.put("controlled", true);
        }
        evidence.put("comparison", criteria.comparison().symbol());
        evidence.put("threshold", Share.toPercent(criteria.threshold()));
        evidence.put("exceeded", finding.exceeded());
        ProofEvidence proof = ProofEvidence.of(finding.owners(), limits);
        evidence.put("restrictedOwners", proof.owners());
        long hopsLeftOut = 0;
        List<Map<String, Object>> paths = new ArrayList<>(finding.paths().size());
        for (OwnershipPath path : finding.paths()) {
            Map<String, Object> rendered = new LinkedHashMap<>();
            rendered.put("contribution", Share.toPercent(path.contribution()));
            ChainEvidence chain = ChainEvidence.of(path.parties(), path.stakes(), limits.maxPathHops());
            chain.into(rendered);
            hopsLeftOut += chain.leftOut();
            paths.add(rendered);
        }
        evidence.put("paths", paths);
        evidence.put("pathsTruncated", finding.pathsTruncated());
        truncated(evidence, proof.leftOut(), hopsLeftOut);
        return evidence;
    }

    /**
     * Marks evidence that shows less than the finding holds: the proof's owners and the chains' parties left
     * out. Nothing is added when everything is shown, so evidence of ordinary findings keeps its shape.
     */
    static void truncated(Map<String, Object> evidence, long ownersLeftOut, long hopsLeftOut) {
        if (ownersLeftOut == 0 && hopsLeftOut == 0) {
            return;
        }
        evidence.put("truncated", true);
        if (ownersLeftOut > 0) {
            evidence.put("ownersLeftOut", ownersLeftOut);
        }
        if (hopsLeftOut > 0) {
            evidence.put("hopsLeftOut", hopsLeftOut);
        }
    }

    /** One line an auditor can check by hand: "`a` (A, CN) -60%-> `b` (B, SG) -60%-> `c` (C, DE)". */
    public static String pathText(OwnershipPath path) {
        return chainText(path.parties(), path.stakes());
    }

    /** A whole chain of holdings as one line; {@code stakes.get(i)} is held by {@code parties.get(i)} in the next. */
    static String chainText(List<PartyInfo> parties, List<Long> stakes) {
        return ChainEvidence.of(parties, stakes, parties.size()).text();
    }

    static Map<String, Object> party(PartyInfo party) {
        Map<String, Object> rendered = new LinkedHashMap<>();
        rendered.put("partyId", party.id());
        rendered.put("name", party.name());
        rendered.put("kind", party.kind().name());
        rendered.put("country", party.country());
        return rendered;
    }

    /** What a stake says beyond an exact, undated share: its range, control and dates. */
    static void terms(StakeTerms terms, Map<String, Object> rendered) {
        if (terms == null) {
            return;
        }
        if (!terms.isExact()) {
            Map<String, Object> range = new LinkedHashMap<>();
            range.put(terms.minExclusive() ? "min" : "atLeast", Share.toPercent(terms.min()));
            range.put(terms.maxExclusive() ? "max" : "atMost", Share.toPercent(terms.max()));
            rendered.put("range", range);
        }
        if (terms.hasControl()) {
            rendered.put(
                    "control",
                    terms.control().stream().map(ControlBasis::wireName).toList());
        }
        if (terms.validFrom() != StakeTerms.ALWAYS_FROM) {
            rendered.put("validFrom", Instant.ofEpochSecond(terms.validFrom()).toString());
        }
        if (terms.validTo() != StakeTerms.ALWAYS_TO) {
            rendered.put("validTo", Instant.ofEpochSecond(terms.validTo()).toString());
        }
    }
}
