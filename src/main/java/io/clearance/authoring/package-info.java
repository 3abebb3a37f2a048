/**
 * The authoring loop, above the decision: scenario files in {@code policies/tests} that state, without Java,
 * what the rules must decide, their runner and evidence matcher, and the impact analysis of a candidate rule
 * set over the whole registry; and the warm-up, in the same terms, that a newly compiled rule set decides
 * before it serves.
 */
package io.clearance.authoring;
