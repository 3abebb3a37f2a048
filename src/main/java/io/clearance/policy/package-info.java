/**
 * The written policy: {@code policies/policy.md} read as numbered clauses, the text every rule cites. A low
 * layer: the engine reads it when a rule set compiles; the authoring loop (scenarios, impact) lives in
 * {@code io.clearance.authoring}, above the decision.
 */
package io.clearance.policy;
