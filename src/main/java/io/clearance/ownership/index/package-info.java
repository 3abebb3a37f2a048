/**
 * Restriction by extension: the whole-graph restriction index (least fixpoint, computed at an instant), the
 * indexes kept per graph ({@link io.clearance.ownership.index.KeptIndexes}) and their upkeep on every change
 * of the graph, the stakes seen at a bound, the walk that builds a finding's proof, and the counterfactual of
 * single-stake removals.
 */
package io.clearance.ownership.index;
