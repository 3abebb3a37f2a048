package io.clearance.ownership;

import io.clearance.ownership.evidence.EvidenceLimits;
import io.clearance.ownership.evidence.FindingEvidence;

/**
 * A {@link Finding} with its evidence, built at most once: what the port hands the rules. A kept look-through
 * finding's is kept with it ({@link io.clearance.ownership.lookthrough.KeptLookThrough#derived}), so every
 * decision about the party until a change upstream of it cites the same immutable evidence, built on the
 * first; a finding computed for one request builds its evidence when a rule first cites it, and only then.
 *
 * <p>Thread-safe: two first readers may both build the evidence; they build equal values, and either is kept.
 */
public final class PreparedFinding {

    private final Finding finding;
    private final EvidenceLimits limits;
    private volatile FindingEvidence evidence;

    /** @param limits how much of the proof {@link #evidence()} shows (the finding itself is whole) */
    public PreparedFinding(Finding finding, EvidenceLimits limits) {
        this.finding = finding;
        this.limits = limits;
    }

    public Finding finding() {
        return finding;
    }

    /** The finding as evidence within the limits given: {@code finding().evidence(limits)}, built once. */
    public FindingEvidence evidence() {
        FindingEvidence built = evidence;
        if (built == null) {
            built = finding.evidence(limits);
            evidence = built;
        }
        return built;
    }
}
