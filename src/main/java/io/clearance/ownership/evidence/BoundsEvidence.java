package io.clearance.ownership.evidence;

/**
 * Both bounds of a finding, under its evidence's {@code bounds}.
 *
 * @param lower the certain bound, in brief (its proof is the finding's own)
 * @param upper what ranges and unaccounted shares leave possible: in brief, or with its own proof where it
 *     passes the threshold and the lower bound does not (what reviews)
 * @param certain the two bounds agree on whether the threshold is passed
 */
public record BoundsEvidence(BoundEvidence.Summary lower, BoundEvidence upper, boolean certain) {}
