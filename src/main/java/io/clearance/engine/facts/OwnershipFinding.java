package io.clearance.engine.facts;

import io.clearance.ownership.Finding;
import io.clearance.ownership.PreparedFinding;
import io.clearance.ownership.Semantics;
import io.clearance.ownership.evidence.EvidenceLimits;
import java.math.BigDecimal;

/**
 * What the ownership service found for one party of the request under one {@link OwnershipMeasure}; inserted
 * before the rules fire, so that rules only compare and decide. A thin fact over the sealed {@link Finding}:
 * it gives rules the bean-style names they match on ({@code test}, {@code partyId}, {@code exceeded},
 * {@code possiblyExceeded}, {@code uncertain}) and {@link #summary()} and {@link #evidence()} to cite.
 *
 * <p>Every finding has two bounds. {@code exceeded}: the lower bound passes the threshold, so the party is
 * certainly restricted. {@code possiblyExceeded}: the upper bound passes it, so ranges or unaccounted shares
 * leave it possible. With exact, fully recorded stakes the two agree.
 *
 * <p>Its evidence is the {@link PreparedFinding}'s, built once however many rules cite it (and, for a kept
 * finding, once for every decision until a change upstream of the party).
 */
public final class OwnershipFinding {

    private final Finding finding;
    private final PreparedFinding prepared;

    public OwnershipFinding(Finding finding) {
        this(finding, EvidenceLimits.DEFAULT);
    }

    /** @param limits how much of the proof {@link #evidence()} shows (the finding itself is whole) */
    public OwnershipFinding(Finding finding, EvidenceLimits limits) {
        this(new PreparedFinding(finding, limits));
    }

    /** The finding as the ownership port prepared it, with its evidence. */
    public OwnershipFinding(PreparedFinding prepared) {
        this.finding = prepared.finding();
        this.prepared = prepared;
    }

    /** The finding this fact carries. */
    public Finding finding() {
        return finding;
    }

    /** The id of the {@link OwnershipMeasure} this answers. */
    public String getTest() {
        return finding.measure();
    }

    public Semantics getSemantics() {
        return finding.semantics();
    }

    public String getPartyId() {
        return finding.party().id();
    }

    /** The lower bound passes the threshold (and the party is an organisation): certainly restricted. */
    public boolean isExceeded() {
        return finding.exceeded();
    }

    /** The upper bound passes the threshold: restricted for some value the ranges and unaccounted shares allow. */
    public boolean isPossiblyExceeded() {
        return finding.possiblyExceeded();
    }

    /** Possibly but not certainly exceeded: what the default rules send to review. */
    public boolean isUncertain() {
        return finding.uncertain();
    }

    /** The lower bound as a percentage; a look-through share rounded half-up to six places (compared exactly). */
    public BigDecimal getRestrictedShare() {
        return finding.restrictedShare();
    }

    /** The upper bound as a percentage. */
    public BigDecimal getUpperShare() {
        return finding.upperShare();
    }

    /** A restricted owner controls the party in a way the test counts (restriction by extension only). */
    public boolean isControlled() {
        return finding.controlled();
    }

    /** See {@link Finding#summary()}. */
    public String summary() {
        return finding.summary();
    }

    /** The finding as evidence, within the limits given; see {@link Finding#evidence(EvidenceLimits)}. */
    public Evidence evidence() {
        return new Evidence.OfFinding(prepared.evidence());
    }
}
