/**
 * The written policy and its tests: the numbered clauses rules cite, and the scenario files in
 * {@code policies/tests} that state, without Java, what the rules must decide.
 */
package io.clearance.policy;
