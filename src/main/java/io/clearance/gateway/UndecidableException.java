package io.clearance.gateway;

import io.clearance.api.Problem;
import io.clearance.audit.AuditUnavailableException;
import io.clearance.audit.AuditedAnswer;
import io.clearance.audit.AuditedDecisions;
import io.clearance.audit.ReceivedDecisionRequest;
import io.clearance.problem.ErrorCode;
import io.smallrye.mutiny.Uni;

/**
 * Clearance could not decide (the rules failed, the audit log is unavailable, anything unexpected): every
 * gateway interface answers it as an error (503, gRPC {@code UNAVAILABLE}) that the gateway turns into a
 * refusal, never a permission.
 */
public final class UndecidableException extends RuntimeException {

    private final transient Problem problem;

    private UndecidableException(Problem problem, Throwable cause) {
        super(problem.detail(), cause);
        this.problem = problem;
    }

    /**
     * Asks the audited use case as every interface does, and turns "Clearance could not decide" into this
     * exception, so that no gateway can mistake it for an answer.
     *
     * @return a decision, or the refusal of the request itself (logged)
     */
    public static AuditedAnswer unlessUndecidable(AuditedDecisions decisions, ReceivedDecisionRequest request) {
        AuditedAnswer answer;
        try {
            answer = decisions.decide(request);
        } catch (AuditUnavailableException e) {
            throw unlogged(e);
        }
        return unlessFailed(answer);
    }

    /** As {@link #unlessUndecidable(AuditedDecisions, ReceivedDecisionRequest)}, for an answer still to come. */
    public static Uni<AuditedAnswer> unlessUndecidable(Uni<AuditedAnswer> answer) {
        return answer.onFailure(AuditUnavailableException.class)
                .transform(UndecidableException::unlogged)
                .map(UndecidableException::unlessFailed);
    }

    /** The refusal for an answer that could not be logged (so it is not given). */
    public static UndecidableException unlogged(Throwable e) {
        return new UndecidableException(
                Problem.of(
                        ErrorCode.AUDIT_UNAVAILABLE,
                        "the decision could not be logged, so it is not answered; retry later"),
                e);
    }

    private static AuditedAnswer unlessFailed(AuditedAnswer answer) {
        if (answer instanceof AuditedAnswer.Rejected rejected && rejected.failed()) {
            throw new UndecidableException(Problem.of(rejected.refusal()), rejected.failure());
        }
        return answer;
    }

    public Problem problem() {
        return problem;
    }
}
