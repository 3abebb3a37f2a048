package io.clearance.engine.facts;

import io.clearance.domain.Share;
import io.clearance.ownership.Counterfactual;
import io.clearance.ownership.ExtensionFinding;
import io.clearance.ownership.FindingEvidence;
import io.clearance.ownership.LookThroughEvidence;
import io.clearance.ownership.LookThroughFinding;
import io.clearance.ownership.RestrictionCriteria;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the ownership service found for one party of the request under one {@link OwnershipTest}; inserted
 * before the rules fire, so that rules only compare and decide. Rules tell findings apart by {@code test}
 * (the id the test was declared with); {@code semantics} says how the share was computed.
 *
 * <p>Every finding has two bounds. {@code exceeded}: the lower bound passes the threshold, so the party is
 * certainly restricted. {@code possiblyExceeded}: the upper bound passes it, so ranges or unaccounted shares
 * leave it possible. With exact, fully recorded stakes the two agree.
 */
public final class OwnershipFinding {

    private final String test;
    private final OwnershipTest.Semantics semantics;
    // invariant: exactly one pair of (extension, extensionUpper) and (lookThrough, lookThroughUpper) is set
    private final ExtensionFinding extension;
    private final ExtensionFinding extensionUpper;
    private final Counterfactual extensionCounterfactual;
    private final LookThroughFinding lookThrough;
    private final LookThroughFinding lookThroughUpper;

    /** A restriction-by-extension finding whose bounds agree, without a counterfactual. */
    public OwnershipFinding(String test, ExtensionFinding finding) {
        this(test, finding, finding, null);
    }

    /** A restriction-by-extension finding; {@code counterfactual} only when the lower bound exceeded, else null. */
    public OwnershipFinding(
            String test, ExtensionFinding lower, ExtensionFinding upper, Counterfactual counterfactual) {
        this.test = test;
        this.semantics = OwnershipTest.Semantics.RESTRICTED_BY_EXTENSION;
        this.extension = lower;
        this.extensionUpper = upper;
        this.extensionCounterfactual = counterfactual;
        this.lookThrough = null;
        this.lookThroughUpper = null;
    }

    /** A look-through finding whose bounds agree. */
    public OwnershipFinding(String test, LookThroughFinding finding) {
        this(test, finding, finding);
    }

    /** A look-through finding (its counterfactual travels inside the lower bound). */
    public OwnershipFinding(String test, LookThroughFinding lower, LookThroughFinding upper) {
        this.test = test;
        this.semantics = OwnershipTest.Semantics.LOOK_THROUGH;
        this.extension = null;
        this.extensionUpper = null;
        this.extensionCounterfactual = null;
        this.lookThrough = lower;
        this.lookThroughUpper = upper;
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

    /** The lower bound passes the threshold (and the party is an organisation): certainly restricted. */
    public boolean isExceeded() {
        return extension != null ? extension.exceeded() : lookThrough.exceeded();
    }

    /** The upper bound passes the threshold: restricted for some value the ranges and unaccounted shares allow. */
    public boolean isPossiblyExceeded() {
        return extension != null ? extensionUpper.exceeded() : lookThroughUpper.exceeded();
    }

    /** Possibly but not certainly exceeded: what the default rules send to review. */
    public boolean isUncertain() {
        return isPossiblyExceeded() && !isExceeded();
    }

    /** The lower bound as a percentage; a look-through share rounded half-up to six places (compared exactly). */
    public BigDecimal getRestrictedShare() {
        return extension != null
                ? Share.toPercent(extension.restrictedShare())
                : lookThrough.restrictedShare().toPercent();
    }

    /** The upper bound as a percentage. */
    public BigDecimal getUpperShare() {
        return extension != null
                ? Share.toPercent(extensionUpper.restrictedShare())
                : lookThroughUpper.restrictedShare().toPercent();
    }

    /** A restricted owner controls the party in a way the test counts (restriction by extension only). */
    public boolean isControlled() {
        return extension != null && extension.controlled();
    }

    /**
     * "held 60% by restricted parties, more than the 50% threshold"; with bounds, "held between 40% and 60%
     * by restricted parties, possibly more than the 50% threshold"; for look-through, "held 69% through
     * look-through by restricted parties, at least the 25% threshold".
     */
    public String summary() {
        RestrictionCriteria criteria = extension != null ? extension.criteria() : lookThrough.criteria();
        String threshold = Share.toPercent(criteria.threshold()).toPlainString();
        String how = extension != null ? "" : " through look-through";
        if (isExceeded() && isControlled()) {
            return "controlled by a restricted party (" + controlWords(criteria) + ")";
        }
        String lower = getRestrictedShare().toPlainString();
        String upper = getUpperShare().toPlainString();
        String held = lower.equals(upper) ? "held " + lower + "%" : "held between " + lower + "% and " + upper + "%";
        String relation;
        if (isExceeded()) {
            relation = criteria.comparison().words();
        } else if (isPossiblyExceeded()) {
            relation = "possibly " + criteria.comparison().words();
        } else {
            relation = "not " + criteria.comparison().words();
        }
        return held + how + " by restricted parties, " + relation + " the " + threshold + "% threshold";
    }

    private static String controlWords(RestrictionCriteria criteria) {
        StringBuilder words = new StringBuilder();
        for (var basis : io.clearance.domain.ControlBasis.values()) {
            if ((criteria.controlBits() & basis.bit()) != 0) {
                words.append(words.length() == 0 ? "" : " or ").append(basis.wireName());
            }
        }
        return words.toString();
    }

    /**
     * The finding as evidence: the lower bound's proof at the top (what denies), and both bounds under
     * {@code bounds}, with the upper bound's proof where it passes and the lower does not (what reviews).
     */
    public Map<String, Object> evidence() {
        Map<String, Object> evidence;
        Map<String, Object> upper;
        if (lookThrough != null) {
            evidence = LookThroughEvidence.of(test, lookThrough);
            upper = isUncertain() ? LookThroughEvidence.of(test, lookThroughUpper) : null;
        } else {
            evidence = FindingEvidence.of(test, extension);
            if (extensionCounterfactual != null) {
                evidence.put("counterfactual", extensionCounterfactual.evidence(test));
            }
            upper = isUncertain() ? FindingEvidence.of(test, extensionUpper) : null;
        }
        Map<String, Object> bounds = new LinkedHashMap<>();
        bounds.put("lower", bound(evidence, isExceeded()));
        Map<String, Object> upperBound = upper == null ? bound(upperSummary(), isPossiblyExceeded()) : upper;
        if (upper != null) {
            // The upper proof without what repeats the finding: test, semantics and party are above.
            upperBound.remove("test");
            upperBound.remove("semantics");
            upperBound.remove("party");
            upperBound.remove("comparison");
            upperBound.remove("threshold");
        }
        bounds.put("upper", upperBound);
        bounds.put("certain", isExceeded() == isPossiblyExceeded());
        evidence.put("possiblyExceeded", isPossiblyExceeded());
        evidence.put("bounds", bounds);
        return evidence;
    }

    private Map<String, Object> upperSummary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("restrictedShare", getUpperShare());
        if (extensionUpper != null) {
            if (extensionUpper.restrictedShareExclusive()) {
                summary.put("exclusive", true);
            }
            if (extensionUpper.unaccounted() > 0) {
                summary.put("unaccounted", Share.toPercent(extensionUpper.unaccounted()));
            }
        }
        return summary;
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

    /** The lower-bound restriction-by-extension finding, or null for a look-through test. */
    public ExtensionFinding finding() {
        return extension;
    }

    /** The upper-bound restriction-by-extension finding, or null for a look-through test. */
    public ExtensionFinding upperFinding() {
        return extensionUpper;
    }

    /** The lower-bound look-through finding, or null for a restriction-by-extension test. */
    public LookThroughFinding lookThrough() {
        return lookThrough;
    }

    /** The upper-bound look-through finding, or null for a restriction-by-extension test. */
    public LookThroughFinding lookThroughUpper() {
        return lookThroughUpper;
    }
}
