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

    /**
     * A decision (PERMIT, REVIEW or DENY) with its reasons.
     *
     * @param json the decision's JSON as logged, for an interface that answers it whole (never modified)
     */
    record Decided(Decision decision, byte[] json) implements AuditedAnswer {
        @Override
        public String decisionId() {
            return decision.decisionId();
        }
    }

    /**
     * A request refused before or while deciding (bad input, unknown party), or one Clearance failed to
     * decide.
     *
     * @param failure what broke while deciding; {@code null} when the request itself was refused. A gateway
     *     answers a failure as unavailable (503), never as a refusal of the request.
     */
    record Rejected(String decisionId, Refusal refusal, Throwable failure) implements AuditedAnswer {

        /** Whether Clearance failed to decide (its side), rather than refused the request (the caller's). */
        public boolean failed() {
            return failure != null;
        }
    }
}
