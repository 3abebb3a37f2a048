package io.clearance.engine.facts;

import io.clearance.ownership.ExtensionFinding;
import io.clearance.ownership.FindingEvidence;
import io.clearance.ownership.Share;
import java.math.BigDecimal;
import java.util.Map;

/**
 * What the ownership service found for one party of the request under one {@link OwnershipTest}; inserted
 * before the rules fire, so that rules only compare and decide.
 */
public final class OwnershipFinding {

    private final String test;
    private final ExtensionFinding finding;

    public OwnershipFinding(String test, ExtensionFinding finding) {
        this.test = test;
        this.finding = finding;
    }

    /** The id of the {@link OwnershipTest} this answers. */
    public String getTest() {
        return test;
    }

    public String getPartyId() {
        return finding.party().id();
    }

    /** The aggregate passes the test's threshold (and the party is an organisation). */
    public boolean isExceeded() {
        return finding.exceeded();
    }

    public BigDecimal getRestrictedShare() {
        return Share.toPercent(finding.restrictedShare());
    }

    /** "held 60% by restricted parties, more than the 50% threshold". */
    public String summary() {
        var criteria = finding.criteria();
        String share = Share.toPercent(finding.restrictedShare()).toPlainString();
        String threshold = Share.toPercent(criteria.threshold()).toPlainString();
        String relation = finding.exceeded() ? criteria.comparison().words() : "not " + criteria.comparison().words();
        return "held " + share + "% by restricted parties, " + relation + " the " + threshold + "% threshold";
    }

    public Map<String, Object> evidence() {
        return FindingEvidence.of(test, finding);
    }

    public ExtensionFinding finding() {
        return finding;
    }
}
