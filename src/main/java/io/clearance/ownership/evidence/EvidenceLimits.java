package io.clearance.ownership.evidence;

/**
 * How much of a proof evidence shows: the registry can be as deep as it likes, the answer, the audit record
 * and the picture cannot. What is left out is said where it is cut ({@code "truncated": true} with a count),
 * never silently dropped; the verdict is computed on the whole proof and does not depend on these limits.
 *
 * @param maxDepth levels of restricted owners shown below a finding (its direct owners are level 1); at most
 *     {@link #DEEPEST}, because every level nests two JSON containers and JSON readers refuse deep nesting
 * @param maxOwners restricted owners shown in one proof, counted over all its levels, nearest levels first
 * @param maxPathHops stakes shown of one chain from a seed; a longer chain shows its two ends
 */
public record EvidenceLimits(int maxDepth, int maxOwners, int maxPathHops) {

    /**
     * The deepest proof evidence may show. Each level nests two JSON containers, and an answer puts about ten
     * around the first level (reasons, evidence, a rule's own list of findings, bounds); the audit log reads
     * stored answers back with the API's input nesting limit of 64 ({@code JsonSettings}), so 24 levels is
     * where a deeper proof would come back from the log as unreadable text.
     */
    public static final int DEEPEST = 24;

    /** The defaults of {@code clearance.evidence.*}, for the command line and plain tests. */
    public static final EvidenceLimits DEFAULT = new EvidenceLimits(16, 1_000, 32);

    public EvidenceLimits {
        if (maxDepth < 1 || maxDepth > DEEPEST) {
            throw new IllegalArgumentException(
                    "clearance.evidence.max-depth must be between 1 and " + DEEPEST + ", not " + maxDepth);
        }
        if (maxOwners < 1) {
            throw new IllegalArgumentException("clearance.evidence.max-owners must be at least 1, not " + maxOwners);
        }
        if (maxPathHops < 2) {
            throw new IllegalArgumentException(
                    "clearance.evidence.max-path-hops must be at least 2, not " + maxPathHops);
        }
    }
}
