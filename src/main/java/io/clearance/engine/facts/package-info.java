/**
 * The facts the rules in {@code rules/*.drl} see and insert: the request and its parties, the policy
 * parameters the rules declare (banned jurisdictions, restricted actions, ownership tests), the findings of
 * the ownership service, and the verdicts ({@link io.clearance.engine.facts.Deny},
 * {@link io.clearance.engine.facts.Review}, {@link io.clearance.engine.facts.Permit}) that decide.
 */
package io.clearance.engine.facts;
