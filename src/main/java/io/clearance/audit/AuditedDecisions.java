package io.clearance.audit;

import io.clearance.audit.journal.FsyncPolicy;
import io.clearance.decision.Decision;
import io.clearance.decision.DecisionAnswer;
import io.clearance.decision.DecisionService;
import io.clearance.decision.UnknownPartyException;
import io.clearance.engine.RuleEvaluationException;
import io.clearance.health.DecisionFailures;
import io.clearance.operations.DecisionTelemetry;
import io.clearance.problem.ErrorCode;
import io.clearance.problem.Refusal;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.context.ManagedExecutor;
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
    private final ManagedExecutor workers;
    // Under FsyncPolicy.BATCH an append waits for its group's fsync: then nothing is answered on the event loop.
    private final boolean appendsWithoutWaiting;

    AuditedDecisions(
            DecisionService decisions,
            DecisionAuditor audit,
            DecisionFailures failures,
            DecisionTelemetry telemetry,
            ManagedExecutor workers,
            AuditConfig config) {
        this.decisions = decisions;
        this.audit = audit;
        this.failures = failures;
        this.telemetry = telemetry;
        this.workers = workers;
        this.appendsWithoutWaiting = config.journal().fsync() != FsyncPolicy.BATCH;
    }

    /**
     * As {@link #decide}, without holding the calling thread where nothing blocks: a memo hit is logged (a
     * journal write to the page cache) and answered on the calling thread, the event loop, with no hand-off;
     * anything else (a fresh decision, a refusal) is decided and logged on a worker thread, with the request's
     * context (its caller) carried over. Answered implies logged either way: the item is the logged answer,
     * and {@link AuditUnavailableException} is the failure when it could not be logged.
     */
    public Uni<AuditedAnswer> answer(ReceivedDecisionRequest request) {
        // The memo is asked right here, not in a deferred supplier: a hit then costs no context capture.
        AuditedAnswer hit;
        try {
            hit = memoised(request);
        } catch (AuditUnavailableException e) {
            return Uni.createFrom().failure(e);
        }
        if (hit != null) {
            return Uni.createFrom().item(hit);
        }
        return onWorker(request);
    }

    /**
     * As {@link #decide}, on a worker thread with the request's context carried over: for an endpoint that has
     * asked {@link #memoised} itself and found no answer there.
     */
    public Uni<AuditedAnswer> onWorker(ReceivedDecisionRequest request) {
        return Uni.createFrom().item(() -> decide(request)).runSubscriptionOn(workers);
    }

    /**
     * The memo's answer to {@code request}, logged; {@code null} when it has to be decided (no memoised answer,
     * a refused request, or a journal whose appends wait for an fsync).
     *
     * @throws AuditUnavailableException when the answer could not be logged (it must then not be sent)
     */
    public AuditedAnswer memoised(ReceivedDecisionRequest request) {
        if (!appendsWithoutWaiting || request.refusal() != null) {
            return null;
        }
        DecisionAnswer answer;
        try {
            answer = decisions.memoised(request.query());
        } catch (RuntimeException e) {
            return null; // deciding afresh meets the same trouble and answers it as every failure is answered
        }
        return answer == null ? null : logged(request, answer);
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
        DecisionAnswer answer;
        try {
            answer = decisions.answer(request.query());
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
        return logged(request, answer);
    }

    private AuditedAnswer logged(ReceivedDecisionRequest request, DecisionAnswer answer) {
        try {
            audit.decided(request, answer);
        } catch (AuditUnavailableException e) {
            failures.failed(e.toString());
            unlogged(request);
            throw e;
        }
        failures.succeeded();
        Decision decision = answer.decision();
        telemetry.decided(decision, request.via().wireName(), System.nanoTime() - request.receivedNanos());
        return new AuditedAnswer.Decided(decision, answer.json());
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
