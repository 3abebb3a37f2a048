/**
 * The ground of every refusal: {@link io.clearance.problem.ErrorCode}, the one list of the stable problem
 * codes clients branch on, with their HTTP status and title. Every layer may name a code; none of them
 * needs the HTTP layer to do so.
 */
package io.clearance.problem;
