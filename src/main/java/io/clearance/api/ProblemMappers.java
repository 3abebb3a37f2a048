package io.clearance.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.clearance.audit.AuditUnavailableException;
import io.clearance.decision.UnknownPartyException;
import io.clearance.engine.PolicyVersionTamperedException;
import io.clearance.engine.RuleEvaluationException;
import io.clearance.engine.RuleSetRejectedException;
import io.clearance.problem.ErrorCode;
import io.clearance.problem.Refusal;
import io.clearance.registry.RegistryRejection;
import io.clearance.release.RuleSetFailedTestsException;
import io.vertx.core.http.HttpClosedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.channels.ClosedChannelException;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into {@code application/problem+json} with a stable code. Client mistakes get a
 * 4xx that names what was wrong; anything else is a 500 whose details stay in the server log.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem(), uri);
    }

    @ServerExceptionMapper
    public Response registry(RegistryRejection e, UriInfo uri) {
        return respond(Problem.of(e.errorCode(), e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response unknownParty(UnknownPartyException e, UriInfo uri) {
        return respond(unknownPartyProblem(e), uri);
    }

    public static Problem unknownPartyProblem(UnknownPartyException e) {
        // The route exists; the body names a party that does not: 422, not 404.
        return Problem.of(ErrorCode.UNKNOWN_PARTY_IN_REQUEST, e.getMessage());
    }

    /** Stored policy files edited in the database: refused, never replayed or activated. */
    @ServerExceptionMapper
    public Response policyTampered(PolicyVersionTamperedException e, UriInfo uri) {
        LOG.error(e.getMessage());
        return respond(Problem.of(ErrorCode.POLICY_VERSION_TAMPERED, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response auditUnavailable(AuditUnavailableException e, UriInfo uri) {
        // No stack trace: under a full disk every request lands here, and the cause is logged once by the journal.
        LOG.errorf("audit log unavailable; the decision was not answered: %s", e.getMessage());
        return respond(
                Problem.of(
                        ErrorCode.AUDIT_UNAVAILABLE,
                        "the decision could not be logged, so it is not answered; retry later"),
                uri);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        Refusal refusal = jsonRefusal(e);
        return respond(Problem.of(refusal.code(), refusal.detail()), uri);
    }

    /** The 400 problem for a body that is not the JSON an endpoint takes (also for one item of a batch). */
    public static Problem jsonProblem(JsonProcessingException e) {
        Refusal refusal = jsonRefusal(e);
        return Problem.of(refusal.code(), refusal.detail());
    }

    /** A body that is not the JSON the endpoint takes: what was wrong, by field where there is one. */
    public static Refusal jsonRefusal(JsonProcessingException e) {
        StreamConstraintsException limit = JsonLimits.breach(e);
        if (limit != null) {
            return new Refusal(
                    ErrorCode.ofCode(JsonLimits.code(limit)).orElse(ErrorCode.MALFORMED_JSON),
                    JsonLimits.detail(limit));
        }
        String duplicate = JsonLimits.duplicateField(e);
        if (duplicate != null) {
            return new Refusal(ErrorCode.DUPLICATE_FIELD, "field `" + duplicate + "` is given more than once");
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new Refusal(
                    ErrorCode.UNKNOWN_FIELD, "field `" + unknown.getPropertyName() + "` is not part of the request");
        }
        if (e instanceof StreamConstraintsException) {
            // Jackson's own text names its classes and settings (StreamReadConstraints...): not for clients.
            return new Refusal(
                    ErrorCode.MALFORMED_JSON,
                    "the body passes a limit of the JSON reader (length of a number or a string, or nesting depth)");
        }
        if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")) {
            return new Refusal(ErrorCode.MALFORMED_JSON, "the body holds more than one JSON value");
        }
        if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
            return new Refusal(
                    ErrorCode.INVALID_FIELD, "field `" + path((MismatchedInputException) e) + "` has the wrong type");
        }
        return new Refusal(ErrorCode.MALFORMED_JSON, "the body is not valid JSON: " + e.getOriginalMessage());
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
        if (status == 404 && e.getCause() != null) {
            // JAX-RS answers 404 when a query parameter does not convert (`?limit=abc`): the route exists, the
            // request is wrong.
            return respond(
                    Problem.of(
                            ErrorCode.INVALID_PARAMETER,
                            "a query parameter does not have the expected type (a whole number, or `true`/`false`)"),
                    uri);
        }
        // A status with no code of its own (one Quarkus answers that Clearance never does) keeps a generic one.
        String code = ErrorCode.forHttpStatus(status).map(ErrorCode::code).orElse("http-" + status);
        // The title of a status Quarkus answers itself is its reason phrase.
        String title = Response.Status.fromStatusCode(status) == null
                ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        String detail = status >= 500 ? "the server failed; see its log" : e.getMessage();
        return respond(new Problem("/problems/" + code, title, status, code, detail, null, null), uri);
    }

    @ServerExceptionMapper
    public Response rejectedRuleSet(RuleSetRejectedException e, UriInfo uri) {
        String detail = e.errors().size() + " error(s) keep this rule set from being served"
                + (e.context() == null ? "" : "; " + e.context());
        return respond(Problem.of(ErrorCode.RULE_SET_REJECTED, detail).withErrors(e.errors()), uri);
    }

    /** The release gate refused a rule set: every failing case and uncovered rule, and what keeps serving. */
    @ServerExceptionMapper
    public Response failedTests(RuleSetFailedTestsException e, UriInfo uri) {
        return respond(
                Problem.of(ErrorCode.RULE_SET_FAILED_TESTS, e.getMessage()).withErrors(e.failures()), uri);
    }

    @ServerExceptionMapper
    public Response rules(RuleEvaluationException e, UriInfo uri) {
        LOG.error("rule evaluation failed", e);
        return respond(Problem.of(ErrorCode.RULE_EVALUATION_FAILED, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (clientWentAway(e)) {
            // Not a server failure, and nobody reads the answer: one line, for whoever debugs a client.
            LOG.debugf("%s: the client went away before the request was read (%s)", uri.getPath(), e);
            return respond(Problem.of(ErrorCode.REQUEST_ABORTED, "the connection closed mid-request"), uri);
        }
        if (databaseUnreachable(e)) {
            // An outage is the operator's to fix and health shows it; a stack trace per request would bury it.
            LOG.warnf("%s: the database cannot be reached (%s)", uri.getPath(), rootMessage(e));
            return Response.fromResponse(respond(
                            Problem.of(ErrorCode.DATABASE_UNAVAILABLE, "the database cannot be reached; retry later"),
                            uri))
                    .header("Retry-After", "5")
                    .build();
        }
        LOG.error("unexpected failure", e);
        return respond(Problem.of(ErrorCode.INTERNAL_ERROR, "the server failed; see its log"), uri);
    }

    /**
     * An error a resource let through (a stack overflow, out of memory): a problem like every other answer,
     * never the framework's plain-text 500, and one line in the log rather than a thousand frames.
     */
    @ServerExceptionMapper
    public Response error(Error e, UriInfo uri) {
        LOG.errorf("unexpected error at %s: %s", uri.getPath(), briefly(e));
        return e instanceof OutOfMemoryError
                ? respond(Problem.of(ErrorCode.OUT_OF_MEMORY, "the server is out of memory"), uri)
                : respond(Problem.of(ErrorCode.INTERNAL_ERROR, "the server failed; see its log"), uri);
    }

    /** The failure and the first frames of where it happened, in one line. */
    public static String briefly(Throwable e) {
        StringBuilder line = new StringBuilder(e.toString());
        StackTraceElement[] frames = e.getStackTrace();
        for (int i = 0; i < Math.min(frames.length, 8); i++) {
            line.append(i == 0 ? " at " : " < ").append(frames[i]);
        }
        return line.toString();
    }

    private static boolean clientWentAway(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClosedChannelException || t instanceof HttpClosedException) {
                return true;
            }
        }
        return false;
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

    /**
     * A failure to reach the database at all, as JDBC reports it: a transient connection exception, or the SQL
     * state class 08 (connection exception) that the PostgreSQL and H2 drivers use. Transactions rolled back.
     */
    static boolean databaseUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
