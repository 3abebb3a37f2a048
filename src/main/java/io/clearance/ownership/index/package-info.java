/**
 * Restriction by extension: the whole-graph restriction index (least fixpoint, kept per criteria and bound,
 * or computed at a past instant), the stakes seen at a bound, the walk that builds a finding's proof, and the
 * counterfactual of single-stake removals.
 */
package io.clearance.ownership.index;
