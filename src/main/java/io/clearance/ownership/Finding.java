package io.clearance.ownership;

import io.clearance.domain.ControlBasis;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.Share;
import io.clearance.ownership.evidence.BoundFinding;
import io.clearance.ownership.evidence.Counterfactual;
import io.clearance.ownership.evidence.EvidenceLimits;
import io.clearance.ownership.evidence.ExtensionFinding;
import io.clearance.ownership.evidence.FindingBoundsEvidence;
import io.clearance.ownership.evidence.FindingEvidence;
import io.clearance.ownership.evidence.LookThroughFinding;
import java.math.BigDecimal;

/**
 * What the ownership side found for one party under one {@link Measure}, at both bounds: one record per
 * semantics, so no reader checks which half of an either/or is set. {@code exceeded}: the lower bound passes
 * the threshold, so the party is certainly restricted. {@code possiblyExceeded}: the upper bound passes it,
 * so ranges or unaccounted shares leave it possible. With exact, fully recorded stakes the two agree.
 */
public sealed interface Finding permits Finding.ByExtension, Finding.ByLookThrough {

    /** The id of the measure this answers. */
    String measure();

    Semantics semantics();

    /** What the measure finds at the lower bound: what is certain. */
    BoundFinding lower();

    /** What the measure finds at the upper bound: what ranges and unaccounted shares leave possible. */
    BoundFinding upper();

    /** A restricted owner controls the party in a way the measure counts (restriction by extension only). */
    boolean controlled();

    default PartyInfo party() {
        return lower().party();
    }

    default RestrictionCriteria criteria() {
        return lower().criteria();
    }

    /** The lower bound passes the threshold (and the party is an organisation): certainly restricted. */
    default boolean exceeded() {
        return lower().exceeded();
    }

    /** The upper bound passes the threshold: restricted for some value the ranges and unaccounted shares allow. */
    default boolean possiblyExceeded() {
        return upper().exceeded();
    }

    /** The lower bound as a percentage; a look-through share rounded half-up to six places (compared exactly). */
    default BigDecimal restrictedShare() {
        return lower().percent();
    }

    /** The upper bound as a percentage. */
    default BigDecimal upperShare() {
        return upper().percent();
    }

    /** Possibly but not certainly exceeded: what the default rules send to review. */
    default boolean uncertain() {
        return possiblyExceeded() && !exceeded();
    }

    /** The finding as decision evidence; see {@link FindingBoundsEvidence}. */
    default FindingEvidence evidence() {
        return FindingBoundsEvidence.of(this);
    }

    /** The finding as decision evidence within {@code limits}; see {@link FindingBoundsEvidence}. */
    default FindingEvidence evidence(EvidenceLimits limits) {
        return FindingBoundsEvidence.of(this, limits);
    }

    /**
     * "held 60% by restricted parties, more than the 50% threshold"; with bounds, "held between 40% and 60%
     * by restricted parties, possibly more than the 50% threshold"; for look-through, "held 69% through
     * look-through by restricted parties, at least the 25% threshold".
     */
    default String summary() {
        RestrictionCriteria criteria = criteria();
        String threshold = Share.toPercent(criteria.threshold()).toPlainString();
        String how = semantics() == Semantics.LOOK_THROUGH ? " through look-through" : "";
        if (exceeded() && controlled()) {
            return "controlled by a restricted party (" + controlWords(criteria) + ")";
        }
        String lower = restrictedShare().toPlainString();
        String upper = upperShare().toPlainString();
        String held = lower.equals(upper) ? "held " + lower + "%" : "held between " + lower + "% and " + upper + "%";
        String relation;
        if (exceeded()) {
            relation = criteria.comparison().words();
        } else if (possiblyExceeded()) {
            relation = "possibly " + criteria.comparison().words();
        } else {
            relation = "not " + criteria.comparison().words();
        }
        return held + how + " by restricted parties, " + relation + " the " + threshold + "% threshold";
    }

    private static String controlWords(RestrictionCriteria criteria) {
        StringBuilder words = new StringBuilder();
        for (ControlBasis basis : ControlBasis.values()) {
            if ((criteria.controlBits() & basis.bit()) != 0) {
                words.append(words.length() == 0 ? "" : " or ").append(basis.wireName());
            }
        }
        return words.toString();
    }

    /**
     * A restriction-by-extension finding.
     *
     * @param counterfactual how the party would fall below the threshold; only when the lower bound exceeded
     */
    record ByExtension(String measure, ExtensionFinding lower, ExtensionFinding upper, Counterfactual counterfactual)
            implements Finding {

        @Override
        public Semantics semantics() {
            return Semantics.RESTRICTED_BY_EXTENSION;
        }

        @Override
        public boolean controlled() {
            return lower.controlled();
        }
    }

    /** A look-through finding; its counterfactual travels inside the lower bound. */
    record ByLookThrough(String measure, LookThroughFinding lower, LookThroughFinding upper) implements Finding {

        @Override
        public Semantics semantics() {
            return Semantics.LOOK_THROUGH;
        }

        @Override
        public boolean controlled() {
            return false; // control carries no share to multiply: look-through ignores it
        }
    }
}
