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
        evidence.put(
                "restrictedOwners",
                finding.owners().stream().map(FindingEvidence::owner).toList());
        evidence.put(
                "paths", finding.paths().stream().map(FindingEvidence::path).toList());
        evidence.put("pathsTruncated", finding.pathsTruncated());
        return evidence;
    }

    /** One line an auditor can check by hand: "`a` (A, CN) -60%-> `b` (B, SG) -60%-> `c` (C, DE)". */
    public static String pathText(OwnershipPath path) {
        return chainText(path.parties(), path.stakes());
    }

    /** A chain of holdings as one line; {@code stakes.get(i)} is held by {@code parties.get(i)} in the next. */
    static String chainText(List<PartyInfo> parties, List<Long> stakes) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parties.size(); i++) {
            PartyInfo party = parties.get(i);
            if (i > 0) {
                text.append(" -")
                        .append(Share.toPercent(stakes.get(i - 1)).toPlainString())
                        .append("%-> ");
            }
            text.append('`')
                    .append(party.id())
                    .append("` (")
                    .append(party.name())
                    .append(", ")
                    .append(party.country())
                    .append(')');
        }
        return text.toString();
    }

    /** A chain of holdings as evidence: each party, with the stake it receives from the one before. */
    static List<Map<String, Object>> chainHops(List<PartyInfo> parties, List<Long> stakes) {
        List<Map<String, Object>> hops = new ArrayList<>();
        for (int i = 0; i < parties.size(); i++) {
            Map<String, Object> hop = party(parties.get(i));
            if (i > 0) {
                hop.put("percent", Share.toPercent(stakes.get(i - 1)));
            }
            hops.add(hop);
        }
        return hops;
    }

    static Map<String, Object> party(PartyInfo party) {
        Map<String, Object> rendered = new LinkedHashMap<>();
        rendered.put("partyId", party.id());
        rendered.put("name", party.name());
        rendered.put("kind", party.kind().name());
        rendered.put("country", party.country());
        return rendered;
    }

    private static Map<String, Object> owner(RestrictedOwner owner) {
        Map<String, Object> rendered = party(owner.party());
        rendered.put("percent", Share.toPercent(owner.stake()));
        terms(owner.terms(), rendered);
        if (owner.seed()) {
            rendered.put("restrictedAs", "seed");
        } else {
            rendered.put("restrictedAs", "extension");
            rendered.put("restrictedShare", Share.toPercent(owner.restrictedShare()));
            if (owner.shownAbove()) {
                rendered.put("shownAbove", true);
            } else if (!owner.owners().isEmpty()) {
                // Empty when the finding is below the threshold: its proof is not built.
                rendered.put(
                        "restrictedOwners",
                        owner.owners().stream().map(FindingEvidence::owner).toList());
            }
        }
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

    private static Map<String, Object> path(OwnershipPath path) {
        Map<String, Object> rendered = new LinkedHashMap<>();
        rendered.put("contribution", Share.toPercent(path.contribution()));
        rendered.put("parties", chainHops(path.parties(), path.stakes()));
        rendered.put("text", pathText(path));
        return rendered;
    }
}
