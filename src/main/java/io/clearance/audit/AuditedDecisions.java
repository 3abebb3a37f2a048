package io.clearance.audit;

import io.clearance.decision.Decision;
import io.clearance.decision.DecisionService;
import io.clearance.decision.UnknownPartyException;
import io.clearance.engine.RuleEvaluationException;
import io.clearance.health.DecisionFailures;
import io.clearance.operations.DecisionTelemetry;
import io.clearance.problem.ErrorCode;
import io.clearance.problem.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The one way a decision is answered, whichever interface asks (the v1 API, the batch, AuthZEN, nginx
 * auth_request, Envoy ext_authz): decide a received request, or take its refusal, log either, count it,
 * and only then return it. Nothing is answered that is not logged; when the log cannot take it,
 * {@link AuditUnavailableException} leaves and nothing is answered.
 */
@ApplicationScoped
public class AuditedDecisions {

    private static final Logger LOG = Logger.getLogger(AuditedDecisions.class);

    private final DecisionService decisions;
    private final DecisionAuditor audit;
    private final DecisionFailures failures;
    private final DecisionTelemetry telemetry;

    AuditedDecisions(
            DecisionService decisions, DecisionAuditor audit, DecisionFailures failures, DecisionTelemetry telemetry) {
        this.decisions = decisions;
        this.audit = audit;
        this.failures = failures;
        this.telemetry = telemetry;
    }

    /**
     * Decides {@code request} (unless the endpoint refused it) and logs the answer.
     *
     * @return the decision, or the rejection with the decision id it was logged under; a rejection whose
     *     {@link AuditedAnswer.Rejected#failure()} is set means Clearance failed to decide
     * @throws AuditUnavailableException when the answer could not be logged (it must then not be sent)
     */
    public AuditedAnswer decide(ReceivedDecisionRequest request) {
        if (request.refusal() != null) {
            return rejected(request, request.refusal(), null);
        }
        Decision decision;
        try {
            decision = decisions.decide(request.query());
        } catch (UnknownPartyException e) {
            failures.succeeded();
            return rejected(request, new Refusal(ErrorCode.UNKNOWN_PARTY_IN_REQUEST, e.getMessage()), null);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // Whatever broke deciding, the answer is a refusal logged like any other, and the operator reads
            // one line saying where it broke (a stack overflow's trace is a thousand frames).
            LOG.errorf(
                    "a decision failed (%s): %s: %s",
                    request.via().wireName(), e.getClass().getSimpleName(), e.getMessage());
            failures.failed(e.toString());
            return rejected(request, failure(request.via(), e), e);
        }
        try {
            audit.decided(request, decision);
        } catch (AuditUnavailableException e) {
            failures.failed(e.toString());
            unlogged(request);
            throw e;
        }
        failures.succeeded();
        telemetry.decided(decision, request.via().wireName(), System.nanoTime() - request.receivedNanos());
        return new AuditedAnswer.Decided(decision);
    }

    /**
     * The refusal logged for a failure to decide: what the interface answers. The v1 API answers a 5xx of
     * its own; a gateway interface answers 503, which its gateway turns into a refusal.
     */
    private static Refusal failure(DecisionInterface via, Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return new Refusal(ErrorCode.OUT_OF_MEMORY, "the server is out of memory; retry later");
        }
        if (!via.gateway()) {
            return new Refusal(ErrorCode.DECISION_FAILED, "the server could not decide; see its log");
        }
        if (e instanceof RuleEvaluationException) {
            return new Refusal(ErrorCode.RULES_FAILED_AT_GATEWAY, "the rules failed: " + e.getMessage());
        }
        return new Refusal(ErrorCode.UNDECIDABLE, "Clearance could not decide; see its log");
    }

    private AuditedAnswer.Rejected rejected(ReceivedDecisionRequest request, Refusal refusal, Throwable failure) {
        String decisionId;
        try {
            decisionId = audit.rejected(request, refusal);
        } catch (AuditUnavailableException e) {
            unlogged(request);
            throw e;
        }
        String via = request.via().wireName();
        if (failure != null && request.via().gateway()) {
            telemetry.undecidable(refusal.code().code(), via);
        } else {
            telemetry.rejected(refusal.code().code(), via);
        }
        return new AuditedAnswer.Rejected(decisionId, refusal, failure);
    }

    // A gateway is answered "unavailable" when the log fails: counted as a request Clearance could not decide.
    private void unlogged(ReceivedDecisionRequest request) {
        if (request.via().gateway()) {
            telemetry.undecidable(
                    ErrorCode.AUDIT_UNAVAILABLE.code(), request.via().wireName());
        }
    }
}
