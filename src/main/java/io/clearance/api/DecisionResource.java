package io.clearance.api;

import io.clearance.audit.AuditUnavailableException;
import io.clearance.audit.AuditedRejection;
import io.clearance.audit.DecisionAuditor;
import io.clearance.decision.Action;
import io.clearance.decision.Decision;
import io.clearance.decision.DecisionQuery;
import io.clearance.decision.DecisionService;
import io.clearance.decision.UnknownPartyException;
import io.clearance.health.DecisionFailures;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/** The endpoint gateways call: one request in, one decision with its reasons out. */
@Path("/v1/decisions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DecisionResource {

    private static final Logger LOG = Logger.getLogger(DecisionResource.class);

    private final DecisionService decisions;
    private final DecisionAuditor audit;
    private final DecisionFailures failures;

    DecisionResource(DecisionService decisions, DecisionAuditor audit, DecisionFailures failures) {
        this.decisions = decisions;
        this.audit = audit;
        this.failures = failures;
    }

    /** Answers only once the decision, or the refusal, is durable in the audit log (answered implies logged). */
    @POST
    public Decision decide(DecisionRequest request) {
        Instant received = Instant.now();
        long started = System.nanoTime();
        try {
            Decision decision = decisions.decide(toQuery(request));
            audit.decided(decision, received, System.nanoTime() - started);
            failures.succeeded();
            return decision;
        } catch (ProblemException e) {
            failures.succeeded();
            throw rejected(request, e.problem(), e, received, started);
        } catch (UnknownPartyException e) {
            failures.succeeded();
            throw rejected(request, ProblemMappers.unknownPartyProblem(e), e, received, started);
        } catch (AuditUnavailableException e) {
            failures.failed(e.toString());
            throw e;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // Whatever broke deciding, the answer is a refusal that is logged like any other, and the
            // operator reads one line with where it broke (a stack overflow's trace is a thousand frames).
            LOG.errorf("a decision failed: %s", ProblemMappers.briefly(e));
            failures.failed(e.toString());
            Problem problem = e instanceof OutOfMemoryError
                    ? Problem.of(503, "decision-failed", "Decision failed", "the server is out of memory; retry later")
                    : Problem.of(500, "decision-failed", "Decision failed", "the server could not decide; see its log");
            throw rejected(
                    request,
                    problem,
                    new ProblemException(problem.status(), problem.code(), problem.title(), problem.detail()),
                    received,
                    started);
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
        return new AuditedRejection(decisionId, cause);
    }

    static DecisionQuery toQuery(DecisionRequest request) {
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
