package io.clearance.api;

import io.clearance.audit.AuditedRejection;
import io.clearance.audit.DecisionAuditor;
import io.clearance.decision.Action;
import io.clearance.decision.Decision;
import io.clearance.decision.DecisionQuery;
import io.clearance.decision.DecisionService;
import io.clearance.decision.UnknownPartyException;
import io.clearance.operations.DecisionTelemetry;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The endpoint gateways call: one request in, one decision with its reasons out. */
@Path("/v1/decisions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DecisionResource {

    private final DecisionService decisions;
    private final DecisionAuditor audit;
    private final DecisionTelemetry telemetry;

    DecisionResource(DecisionService decisions, DecisionAuditor audit, DecisionTelemetry telemetry) {
        this.decisions = decisions;
        this.audit = audit;
        this.telemetry = telemetry;
    }

    /** Answers only once the decision, or the refusal, is durable in the audit log (answered implies logged). */
    @POST
    public Decision decide(DecisionRequest request) {
        Instant received = Instant.now();
        long started = System.nanoTime();
        try {
            Decision decision = decisions.decide(toQuery(request));
            long latency = System.nanoTime() - started;
            audit.decided(decision, received, latency);
            telemetry.decided(decision, "v1", latency);
            return decision;
        } catch (ProblemException e) {
            throw rejected(request, e.problem(), e, received, started);
        } catch (UnknownPartyException e) {
            throw rejected(request, ProblemMappers.unknownPartyProblem(e), e, received, started);
        }
    }

    private AuditedRejection rejected(
            DecisionRequest request, Problem problem, RuntimeException cause, Instant received, long started) {
        String decisionId = audit.rejected(
                request == null || request.subject() == null
                        ? null
                        : request.subject().partyId(),
                request == null ? null : request.action(),
                request == null || request.onBehalfOf() == null
                        ? null
                        : request.onBehalfOf().partyId(),
                received,
                System.nanoTime() - started,
                problem.status(),
                problem.code(),
                problem.detail());
        telemetry.rejected(problem.code(), "v1");
        return new AuditedRejection(decisionId, cause);
    }

    /**
     * Validates a request as every decision interface does (the same problem codes everywhere).
     *
     * @throws ProblemException with a 400 naming what is wrong
     */
    public static DecisionQuery toQuery(DecisionRequest request) {
        if (request == null) {
            throw ProblemException.badRequest(
                    "missing-body", "the request needs a JSON body with `subject` and `action`");
        }
        if (request.subject() == null || request.subject().partyId() == null) {
            throw ProblemException.badRequest("missing-subject", "`subject.partyId` is required");
        }
        if (request.action() == null) {
            throw ProblemException.badRequest("missing-action", "`action` is required");
        }
        Action action = Action.fromWireName(request.action())
                .orElseThrow(() -> ProblemException.badRequest(
                        "unknown-action",
                        "action `" + request.action() + "` is not one of "
                                + Arrays.stream(Action.values())
                                        .map(a -> "`" + a.wireName() + "`")
                                        .collect(Collectors.joining(", "))));
        String onBehalfOf = null;
        if (request.onBehalfOf() != null) {
            if (request.onBehalfOf().partyId() == null) {
                throw ProblemException.badRequest(
                        "missing-on-behalf-of", "`onBehalfOf.partyId` is required when `onBehalfOf` is given");
            }
            onBehalfOf = request.onBehalfOf().partyId();
        }
        Instant at = null;
        if (request.at() != null) {
            try {
                at = Instant.parse(request.at());
            } catch (DateTimeParseException e) {
                throw ProblemException.badRequest(
                        "invalid-at",
                        "`at` must be an ISO-8601 instant such as `2025-06-01T00:00:00Z`, not `" + request.at() + "`");
            }
        }
        return new DecisionQuery(request.subject().partyId(), action, onBehalfOf, at);
    }
}
