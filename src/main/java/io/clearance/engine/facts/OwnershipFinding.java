package io.clearance.engine.facts;

import io.clearance.ownership.Counterfactual;
import io.clearance.ownership.ExtensionFinding;
import io.clearance.ownership.FindingEvidence;
import io.clearance.ownership.LookThroughEvidence;
import io.clearance.ownership.LookThroughFinding;
import io.clearance.ownership.RestrictionCriteria;
import io.clearance.ownership.Share;
import java.math.BigDecimal;
import java.util.Map;

/**
 * What the ownership service found for one party of the request under one {@link OwnershipTest}; inserted
 * before the rules fire, so that rules only compare and decide. Rules tell findings apart by {@code test}
 * (the id the test was declared with); {@code semantics} says how the share was computed.
 */
public final class OwnershipFinding {

    private final String test;
    private final OwnershipTest.Semantics semantics;
    // invariant: exactly one of extension and lookThrough is set, as semantics says
    private final ExtensionFinding extension;
    private final Counterfactual extensionCounterfactual;
    private final LookThroughFinding lookThrough;

    /** A restriction-by-extension finding, without a counterfactual. */
    public OwnershipFinding(String test, ExtensionFinding finding) {
        this(test, finding, null);
    }

    /** A restriction-by-extension finding; {@code counterfactual} only when it exceeded, else null. */
    public OwnershipFinding(String test, ExtensionFinding finding, Counterfactual counterfactual) {
        this.test = test;
        this.semantics = OwnershipTest.Semantics.RESTRICTED_BY_EXTENSION;
        this.extension = finding;
        this.extensionCounterfactual = counterfactual;
        this.lookThrough = null;
    }

    /** A look-through finding (its counterfactual travels inside it). */
    public OwnershipFinding(String test, LookThroughFinding finding) {
        this.test = test;
        this.semantics = OwnershipTest.Semantics.LOOK_THROUGH;
        this.extension = null;
        this.extensionCounterfactual = null;
        this.lookThrough = finding;
    }

    /** The id of the {@link OwnershipTest} this answers. */
    public String getTest() {
        return test;
    }

    public OwnershipTest.Semantics getSemantics() {
        return semantics;
    }

    public String getPartyId() {
        return extension != null ? extension.party().id() : lookThrough.party().id();
    }

    /** The share passes the test's threshold (and the party is an organisation). */
    public boolean isExceeded() {
        return extension != null ? extension.exceeded() : lookThrough.exceeded();
    }

    /** The share as a percentage; a look-through share rounded half-up to six places (compared exactly). */
    public BigDecimal getRestrictedShare() {
        return extension != null
                ? Share.toPercent(extension.restrictedShare())
                : lookThrough.restrictedShare().toPercent();
    }

    /**
     * "held 60% by restricted parties, more than the 50% threshold", or for look-through "held 69% through
     * look-through by restricted parties, at least the 25% threshold".
     */
    public String summary() {
        RestrictionCriteria criteria = extension != null ? extension.criteria() : lookThrough.criteria();
        String share = getRestrictedShare().toPlainString();
        String threshold = Share.toPercent(criteria.threshold()).toPlainString();
        String relation = isExceeded()
                ? criteria.comparison().words()
                : "not " + criteria.comparison().words();
        String how = extension != null ? "" : " through look-through";
        return "held " + share + "%" + how + " by restricted parties, " + relation + " the " + threshold
                + "% threshold";
    }

    public Map<String, Object> evidence() {
        if (lookThrough != null) {
            return LookThroughEvidence.of(test, lookThrough);
        }
        Map<String, Object> evidence = FindingEvidence.of(test, extension);
        if (extensionCounterfactual != null) {
            evidence.put("counterfactual", extensionCounterfactual.evidence(test));
        }
        return evidence;
    }

    /** The restriction-by-extension finding, or null for a look-through test. */
    public ExtensionFinding finding() {
        return extension;
    }

    /** The look-through finding, or null for a restriction-by-extension test. */
    public LookThroughFinding lookThrough() {
        return lookThrough;
    }
}
