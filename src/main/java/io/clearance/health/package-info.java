/**
 * Readiness that exercises what a decision needs: each part of the decision path (rule set, ownership
 * graph, audit journal, recent decisions) offers a {@link io.clearance.health.ReadinessProbe}, and one
 * check asks them all.
 */
package io.clearance.health;
