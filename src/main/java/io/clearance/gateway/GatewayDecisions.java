package io.clearance.gateway;

import io.clearance.api.DecisionResource;
import io.clearance.api.Problem;
import io.clearance.api.ProblemException;
import io.clearance.api.ProblemMappers;
import io.clearance.audit.AuditUnavailableException;
import io.clearance.audit.DecisionAuditor;
import io.clearance.decision.Decision;
import io.clearance.decision.DecisionQuery;
import io.clearance.decision.DecisionService;
import io.clearance.decision.UnknownPartyException;
import io.clearance.engine.RuleEvaluationException;
import io.clearance.operations.DecisionTelemetry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The use case every gateway interface calls: validate, decide and log one request exactly as
 * {@code POST /v1/decisions} does (answered implies logged; a refused request is logged as a rejection),
 * and fail closed: when Clearance cannot decide, {@link UndecidableException}, never a permission.
 */
@ApplicationScoped
public class GatewayDecisions {

    private static final Logger LOG = Logger.getLogger(GatewayDecisions.class);

    private final DecisionService decisions;
    private final DecisionAuditor audit;
    private final DecisionTelemetry telemetry;

    GatewayDecisions(DecisionService decisions, DecisionAuditor audit, DecisionTelemetry telemetry) {
        this.decisions = decisions;
        this.audit = audit;
        this.telemetry = telemetry;
    }

    /**
     * @param via the interface name, logged and used as a metric tag
     * @throws UndecidableException when no answer may be given: the gateway must refuse the request
     */
    public GatewayAnswer decide(String via, GatewayRequest request) {
        Instant received = Instant.now();
        long started = System.nanoTime();
        Map<String, Object> logged = logged(via, request);
        try {
            DecisionQuery query = DecisionResource.toQuery(request.asDecisionRequest());
            Decision decision = decisions.decide(query);
            long latency = System.nanoTime() - started;
            audit.decided(decision, received, latency, logged);
            telemetry.decided(decision, via, latency);
            return new GatewayAnswer.Decided(decision);
        } catch (ProblemException e) {
            return refuse(via, request, e.problem(), received, started);
        } catch (UnknownPartyException e) {
            return refuse(via, request, ProblemMappers.unknownPartyProblem(e), received, started);
        } catch (UndecidableException e) {
            throw e;
        } catch (AuditUnavailableException e) {
            throw undecidable(via, auditUnavailable(), e);
        } catch (RuleEvaluationException e) {
            LOG.error("rule evaluation failed on a gateway request; refused as undecidable", e);
            Problem problem = Problem.of(
                    503, "rule-evaluation-failed", "The rules failed", "the rules failed: " + e.getMessage());
            logUndecidable(via, request, problem, received, started);
            throw undecidable(via, problem, e);
        } catch (RuntimeException e) {
            LOG.error("unexpected failure on a gateway request; refused as undecidable", e);
            Problem problem = Problem.of(
                    503, "undecidable", "Clearance could not decide", "Clearance could not decide; see its log");
            logUndecidable(via, request, problem, received, started);
            throw undecidable(via, problem, e);
        }
    }

    /**
     * Refuses a request whose fields could not even be read (a body that is not the interface's JSON): logs
     * it as a rejection with what could be read, and returns the refusal.
     *
     * @throws UndecidableException when the rejection cannot be logged
     */
    public GatewayAnswer.Refused refuse(String via, GatewayRequest request, Problem problem) {
        return refuse(via, request, problem, Instant.now(), System.nanoTime());
    }

    private GatewayAnswer.Refused refuse(
            String via, GatewayRequest request, Problem problem, Instant received, long started) {
        try {
            String decisionId = audit.rejected(
                    request.subjectId(),
                    request.action(),
                    request.onBehalfOfId(),
                    received,
                    System.nanoTime() - started,
                    problem.status(),
                    problem.code(),
                    problem.detail(),
                    logged(via, request));
            telemetry.rejected(problem.code(), via);
            return new GatewayAnswer.Refused(problem, decisionId);
        } catch (AuditUnavailableException e) {
            throw undecidable(via, auditUnavailable(), e);
        }
    }

    // The refusal a gateway gets is logged too when the log works: an auditor sees that the rules failed.
    private void logUndecidable(String via, GatewayRequest request, Problem problem, Instant received, long started) {
        try {
            audit.rejected(
                    request.subjectId(),
                    request.action(),
                    request.onBehalfOfId(),
                    received,
                    System.nanoTime() - started,
                    problem.status(),
                    problem.code(),
                    problem.detail(),
                    logged(via, request));
        } catch (RuntimeException e) {
            LOG.warn("could not log an undecidable gateway request", e);
        }
    }

    private UndecidableException undecidable(String via, Problem problem, Throwable cause) {
        telemetry.undecidable(problem.code(), via);
        return new UndecidableException(problem, cause);
    }

    private static Problem auditUnavailable() {
        return Problem.of(
                503,
                "audit-unavailable",
                "Audit log unavailable",
                "the decision could not be logged, so it is not answered; retry later");
    }

    private static Map<String, Object> logged(String via, GatewayRequest request) {
        Map<String, Object> logged = new LinkedHashMap<>();
        logged.put("interface", via);
        logged.putAll(request.logged());
        if (request.at() != null) {
            logged.putIfAbsent("at", request.at());
        }
        return logged;
    }
}
