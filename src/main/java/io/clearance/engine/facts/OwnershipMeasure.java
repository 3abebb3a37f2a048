package io.clearance.engine.facts;

import io.clearance.domain.ControlBasis;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.ownership.Comparison;
import io.clearance.ownership.Measure;
import io.clearance.ownership.RestrictionCriteria;
import io.clearance.ownership.Semantics;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;

/**
 * A policy parameter declared in DRL: an ownership computation the rules want for every organisation in
 * a request, named so that rules can match its {@link OwnershipFinding}. It reads as a sentence:
 *
 * <pre>
 * OwnershipMeasure.restrictedByExtension("majority").above("50").seededBy(PartyKind.COMPANY, PartyKind.GOVERNMENT)
 *     .restrictingThroughControl(ControlBasis.CONSOLIDATION)
 * OwnershipMeasure.lookThrough("indirect").atLeast("25").countingUnaccounted()
 * </pre>
 *
 * A rule set may declare tests of both {@link Semantics} at once; each rule picks one by its id.
 * Immutable: each step returns a new test.
 */
public final class OwnershipMeasure {

    private static final Set<PartyKind> ORGANISATIONS =
            EnumSet.of(PartyKind.COMPANY, PartyKind.GOVERNMENT, PartyKind.UNIVERSITY);

    private final String id;
    private final Semantics semantics;
    private final BigDecimal threshold;
    private final Comparison comparison;
    private final Set<PartyKind> seedKinds;
    private final Set<ControlBasis> controlBases;
    private final boolean countsUnaccounted;

    private OwnershipMeasure(
            String id,
            Semantics semantics,
            BigDecimal threshold,
            Comparison comparison,
            Set<PartyKind> seedKinds,
            Set<ControlBasis> controlBases,
            boolean countsUnaccounted) {
        this.id = id;
        this.semantics = semantics;
        this.threshold = threshold;
        this.comparison = comparison;
        this.seedKinds = Set.copyOf(seedKinds);
        this.controlBases = Set.copyOf(controlBases);
        this.countsUnaccounted = countsUnaccounted;
    }

    /**
     * Restriction by extension: restricted parties pass their whole stake; unrestricted ones pass nothing.
     * Seeded by organisations in banned jurisdictions until {@link #seededBy} says otherwise.
     */
    public static OwnershipMeasure restrictedByExtension(String id) {
        return new OwnershipMeasure(
                id,
                Semantics.RESTRICTED_BY_EXTENSION,
                new BigDecimal("50"),
                Comparison.GREATER_THAN,
                ORGANISATIONS,
                Set.of(),
                false);
    }

    /**
     * Look-through: the share seeds hold ultimately, stakes multiplied along every chain and chains added,
     * whether or not the intermediaries are restricted. Seeded by organisations in banned jurisdictions,
     * strictly above 50%, until {@link #seededBy}, {@link #above} or {@link #atLeast} say otherwise.
     */
    public static OwnershipMeasure lookThrough(String id) {
        return new OwnershipMeasure(
                id,
                Semantics.LOOK_THROUGH,
                new BigDecimal("50"),
                Comparison.GREATER_THAN,
                ORGANISATIONS,
                Set.of(),
                false);
    }

    /** Restricted when restricted parties hold strictly more than {@code percent}. */
    public OwnershipMeasure above(String percent) {
        return new OwnershipMeasure(
                id, semantics, percent(percent), Comparison.GREATER_THAN, seedKinds, controlBases, countsUnaccounted);
    }

    /** Restricted when restricted parties hold {@code percent} or more. */
    public OwnershipMeasure atLeast(String percent) {
        return new OwnershipMeasure(
                id, semantics, percent(percent), Comparison.AT_LEAST, seedKinds, controlBases, countsUnaccounted);
    }

    /** Which kinds of party located in a banned jurisdiction are restricted owners on their own account. */
    public OwnershipMeasure seededBy(PartyKind... kinds) {
        return new OwnershipMeasure(
                id, semantics, threshold, comparison, EnumSet.of(kinds[0], kinds), controlBases, countsUnaccounted);
    }

    /**
     * Control of these bases, held by a restricted party, restricts what it controls as a majority stake
     * would, whatever share comes with it. Restriction by extension only: look-through multiplies shares,
     * and control carries none.
     */
    public OwnershipMeasure restrictingThroughControl(ControlBasis... bases) {
        if (semantics != Semantics.RESTRICTED_BY_EXTENSION) {
            throw new IllegalArgumentException(
                    "control restricts by extension only: look-through test `" + id + "` has no share to multiply");
        }
        return new OwnershipMeasure(
                id, semantics, threshold, comparison, seedKinds, EnumSet.of(bases[0], bases), countsUnaccounted);
    }

    /**
     * The upper bound counts what a party's recorded stakes leave unaccounted for as held by restricted
     * parties (for a party with at least one recorded stake). Without it, holders the registry does not know
     * of are clean in both bounds.
     */
    public OwnershipMeasure countingUnaccounted() {
        return new OwnershipMeasure(id, semantics, threshold, comparison, seedKinds, controlBases, true);
    }

    public String getId() {
        return id;
    }

    public Semantics getSemantics() {
        return semantics;
    }

    public BigDecimal getThreshold() {
        return threshold;
    }

    public Comparison getComparison() {
        return comparison;
    }

    public Set<PartyKind> getSeedKinds() {
        return seedKinds;
    }

    public Set<ControlBasis> getControlBases() {
        return controlBases;
    }

    public boolean isCountsUnaccounted() {
        return countsUnaccounted;
    }

    /** What the ownership service computes for this test, given the banned jurisdictions in force. */
    public RestrictionCriteria criteria(Set<String> bannedJurisdictions) {
        int controlBits = 0;
        for (ControlBasis basis : controlBases) {
            controlBits |= basis.bit();
        }
        return new RestrictionCriteria(
                bannedJurisdictions,
                seedKinds,
                Share.fromPercent(threshold),
                comparison,
                controlBits,
                countsUnaccounted);
    }

    /** This test as the ownership side computes it, given the banned jurisdictions in force. */
    public Measure measure(Set<String> bannedJurisdictions) {
        return new Measure(id, semantics, criteria(bannedJurisdictions));
    }

    private static BigDecimal percent(String percent) {
        BigDecimal value = new BigDecimal(percent);
        if (value.signum() < 0 || value.compareTo(new BigDecimal("100")) > 0 || !Share.isRepresentable(value)) {
            throw new IllegalArgumentException(
                    "ownership threshold `" + percent + "` is not a percentage from 0 to 100");
        }
        return value;
    }
}
