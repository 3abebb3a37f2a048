package io.clearance.audit;

import io.clearance.decision.Decision;
import io.clearance.problem.Refusal;

/**
 * What a decision endpoint answers, once it is durable in the audit log: a decision, or a rejection with
 * its code and the decision id under which it was logged. Answered implies logged.
 */
public sealed interface AuditedAnswer {

    /** The id under which the answer was logged: the decision's own, or the one given to the rejection. */
    String decisionId();

    /** A decision (PERMIT, REVIEW or DENY) with its reasons. */
    record Decided(Decision decision) implements AuditedAnswer {
        @Override
        public String decisionId() {
            return decision.decisionId();
        }
    }

    /** A request refused before or while deciding (bad input, unknown party). */
    record Rejected(String decisionId, Refusal refusal) implements AuditedAnswer {}
}
