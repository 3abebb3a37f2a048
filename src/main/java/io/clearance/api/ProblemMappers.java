package io.clearance.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.clearance.audit.AuditUnavailableException;
import io.clearance.audit.AuditedRejection;
import io.clearance.audit.DecisionAuditor;
import io.clearance.decision.UnknownPartyException;
import io.clearance.engine.RuleEvaluationException;
import io.clearance.engine.RuleSetRejectedException;
import io.clearance.registry.RegistryRejection;
import io.clearance.release.RuleSetFailedTestsException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into {@code application/problem+json} with a stable code. Client mistakes get a
 * 4xx that names what was wrong; anything else is a 500 whose details stay in the server log.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final DecisionAuditor audit;

    ProblemMappers(DecisionAuditor audit) {
        this.audit = audit;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem(), uri);
    }

    @ServerExceptionMapper
    public Response registry(RegistryRejection e, UriInfo uri) {
        int status = switch (e.kind()) {
            case NOT_FOUND -> 404;
            case INVALID -> 400;
            case CONFLICT -> 409;
        };
        String title = switch (e.kind()) {
            case NOT_FOUND -> "Not found";
            case INVALID -> "Invalid request";
            case CONFLICT -> "Conflicts with the registry";
        };
        return respond(Problem.of(status, e.code(), title, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response unknownParty(UnknownPartyException e, UriInfo uri) {
        return respond(unknownPartyProblem(e), uri);
    }

    static Problem unknownPartyProblem(UnknownPartyException e) {
        // The route exists; the body names a party that does not: 422, not 404.
        return Problem.of(422, "unknown-party", "Unknown party", e.getMessage());
    }

    /** A refused decision request, already logged: the usual problem, and the decision id in a header. */
    @ServerExceptionMapper
    public Response auditedRejection(AuditedRejection e, UriInfo uri) {
        Response answer = e.getCause() instanceof UnknownPartyException unknown
                ? unknownParty(unknown, uri)
                : problem((ProblemException) e.getCause(), uri);
        return Response.fromResponse(answer)
                .header(DecisionAuditor.DECISION_ID_HEADER, e.decisionId())
                .build();
    }

    @ServerExceptionMapper
    public Response auditUnavailable(AuditUnavailableException e, UriInfo uri) {
        LOG.error("audit log unavailable; the decision was not answered", e);
        return respond(
                Problem.of(
                        503,
                        "audit-unavailable",
                        "Audit log unavailable",
                        "the decision could not be logged, so it is not answered; retry later"),
                uri);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        String detail;
        String code = "malformed-json";
        if (e instanceof UnrecognizedPropertyException unknown) {
            code = "unknown-field";
            detail = "field `" + unknown.getPropertyName() + "` is not part of the request";
        } else if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")) {
            detail = "the body holds more than one JSON value";
        } else if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
            code = "invalid-field";
            detail = "field `" + path((MismatchedInputException) e) + "` has the wrong type";
        } else {
            detail = "the body is not valid JSON: " + e.getOriginalMessage();
        }
        Response answer = respond(Problem.of(400, code, "Invalid request", detail), uri);
        if (uri.getPath().equals("/v1/decisions")) {
            // A decision request whose body could not be read is still answered, so it is logged: without fields.
            String decisionId = audit.rejected(null, null, null, Instant.now(), 0, 400, code, detail);
            return Response.fromResponse(answer)
                    .header(DecisionAuditor.DECISION_ID_HEADER, decisionId)
                    .build();
        }
        return answer;
    }

    /**
     * Quarkus ships its own mapper for this subtype (unknown fields, wrong types, trailing tokens), and the
     * most specific mapper wins: without this one those answers are an empty 400, not a problem.
     */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri);
        }
        String code = switch (status) {
            case 400 -> "bad-request";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 415 -> "unsupported-media-type";
            default -> status >= 500 ? "internal-error" : "http-" + status;
        };
        String title = Response.Status.fromStatusCode(status) == null
                ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        return respond(
                Problem.of(status, code, title, status >= 500 ? "the server failed; see its log" : e.getMessage()),
                uri);
    }

    @ServerExceptionMapper
    public Response rejectedRuleSet(RuleSetRejectedException e, UriInfo uri) {
        String detail = e.errors().size() + " error(s) keep this rule set from being served"
                + (e.context() == null ? "" : "; " + e.context());
        return respond(
                Problem.of(422, "rule-set-rejected", "Rule set rejected", detail)
                        .withErrors(e.errors()),
                uri);
    }

    /** The release gate refused a rule set: every failing case and uncovered rule, and what keeps serving. */
    @ServerExceptionMapper
    public Response failedTests(RuleSetFailedTestsException e, UriInfo uri) {
        return respond(
                Problem.of(422, "rule-set-failed-tests", "Rule set failed its tests", e.getMessage())
                        .withErrors(e.failures()),
                uri);
    }

    @ServerExceptionMapper
    public Response rules(RuleEvaluationException e, UriInfo uri) {
        LOG.error("rule evaluation failed", e);
        return respond(Problem.of(500, "rule-evaluation-failed", "The rules failed", e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.error("unexpected failure", e);
        return respond(Problem.of(500, "internal-error", "Internal error", "the server failed; see its log"), uri);
    }

    private static String path(MismatchedInputException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "(body)" : path;
    }

    private static Response respond(Problem problem, UriInfo uri) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem.at(uri.getPath()))
                .build();
    }
}
