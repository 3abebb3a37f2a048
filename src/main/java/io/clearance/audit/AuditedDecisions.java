package io.clearance.audit;

import io.clearance.decision.Decision;
import io.clearance.decision.DecisionService;
import io.clearance.decision.UnknownPartyException;
import io.clearance.problem.ErrorCode;
import io.clearance.problem.Refusal;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one way a decision is answered, whichever endpoint asks (the HTTP API, and the gateway endpoints):
 * decide a received request, or take its refusal, and log either before returning it. Nothing is answered
 * that is not logged; when the log cannot take it, {@link AuditUnavailableException} leaves and nothing is
 * answered.
 */
@ApplicationScoped
public class AuditedDecisions {

    private final DecisionService decisions;
    private final DecisionAuditor audit;

    AuditedDecisions(DecisionService decisions, DecisionAuditor audit) {
        this.decisions = decisions;
        this.audit = audit;
    }

    /**
     * Decides {@code request} (unless the endpoint refused it) and logs the answer.
     *
     * @return the decision, or the rejection with the decision id it was logged under
     * @throws AuditUnavailableException when the answer could not be logged (it must then not be sent)
     */
    public AuditedAnswer decide(ReceivedDecisionRequest request) {
        if (request.refusal() != null) {
            return rejected(request, request.refusal());
        }
        Decision decision;
        try {
            decision = decisions.decide(request.query());
        } catch (UnknownPartyException e) {
            return rejected(request, new Refusal(ErrorCode.UNKNOWN_PARTY_IN_REQUEST, e.getMessage()));
        }
        audit.decided(decision, request.receivedAt(), System.nanoTime() - request.receivedNanos());
        return new AuditedAnswer.Decided(decision);
    }

    private AuditedAnswer.Rejected rejected(ReceivedDecisionRequest request, Refusal refusal) {
        String decisionId = audit.rejected(
                request.subjectId(),
                request.action(),
                request.onBehalfOfId(),
                request.receivedAt(),
                System.nanoTime() - request.receivedNanos(),
                refusal.code().status(),
                refusal.code().code(),
                refusal.detail());
        return new AuditedAnswer.Rejected(decisionId, refusal);
    }
}
