package io.clearance.decision;

import io.clearance.ownership.evidence.EvidenceLimits;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How much of an ownership proof a decision's evidence shows ({@code clearance.evidence.*}). The verdict is
 * decided on the whole proof whatever these say; beyond them the evidence is cut and marked
 * {@code "truncated": true} with what was left out. See {@link EvidenceLimits}.
 */
@ConfigMapping(prefix = "clearance.evidence")
public interface EvidenceConfig {

    /** Levels of restricted owners shown below a party, at most {@value EvidenceLimits#DEEPEST}. */
    @WithDefault("16")
    int maxDepth();

    /** Restricted owners shown in one proof, over all its levels, nearest first. */
    @WithDefault("1000")
    int maxOwners();

    /** Stakes shown of one chain from a seed; a longer chain shows its two ends. */
    @WithDefault("32")
    int maxPathHops();

    /** The settings as limits; refuses values out of range, so a bad setting stops the start. */
    default EvidenceLimits limits() {
        return new EvidenceLimits(maxDepth(), maxOwners(), maxPathHops());
    }
}
