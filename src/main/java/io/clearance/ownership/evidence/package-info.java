/**
 * What a finding carries and how it reads: the one-bound findings of each semantics, restricted owners,
 * ownership paths and look-through chains, counterfactuals, and their rendering as decision evidence.
 */
package io.clearance.ownership.evidence;
