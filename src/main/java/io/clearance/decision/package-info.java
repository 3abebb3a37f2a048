/**
 * The decision use case: a validated query comes in, the facts are gathered from the ownership graph, the
 * serving rule set decides, and a {@link io.clearance.decision.Decision} carrying its reasons comes out.
 */
package io.clearance.decision;
