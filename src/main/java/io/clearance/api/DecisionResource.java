package io.clearance.api;

import static io.clearance.audit.DecisionAuditor.DECISION_ID_HEADER;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.audit.AuditedAnswer;
import io.clearance.audit.AuditedDecisions;
import io.clearance.audit.DecisionInterface;
import io.clearance.audit.ReceivedDecisionRequest;
import io.clearance.decision.Action;
import io.clearance.decision.DecisionQuery;
import io.clearance.problem.ErrorCode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The endpoint gateways call: one request in, one decision with its reasons out. It reads and validates
 * the body; deciding and logging is {@link AuditedDecisions}', the same for every decision endpoint.
 */
@Path("/v1/decisions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DecisionResource {

    private final AuditedDecisions decisions;
    private final ObjectMapper json;

    DecisionResource(AuditedDecisions decisions, ObjectMapper json) {
        this.decisions = decisions;
        this.json = json;
    }

    /**
     * Answers only once the decision, or the refusal, is durable in the audit log (answered implies logged).
     * The body is read here, not by the framework, so that a body that is not JSON is logged too. Runs on the
     * event loop: a memoised answer is given there, anything to decide moves to a worker (see {@link
     * AuditedDecisions#answer}).
     */
    @POST
    public Uni<Response> decide(String body, @Context UriInfo uri) {
        String path = uri.getPath();
        return decisions
                .answer(received(body, Instant.now(), System.nanoTime()))
                .map(answer -> response(answer, path));
    }

    private static Response response(AuditedAnswer answer, String path) {
        if (answer instanceof AuditedAnswer.Rejected rejected) {
            return Response.status(rejected.refusal().code().status())
                    .type(Problem.MEDIA_TYPE)
                    .entity(Problem.of(rejected.refusal()).at(path))
                    .header(DECISION_ID_HEADER, rejected.decisionId())
                    .build();
        }
        // The bytes that were logged, serialised once (a memo hit's are its template filled in).
        return Response.ok(((AuditedAnswer.Decided) answer).json(), MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    /** The request as received: its fields as given, and the query it validates to or why it does not. */
    private ReceivedDecisionRequest received(String body, Instant receivedAt, long receivedNanos) {
        DecisionRequest request;
        try {
            request = body == null || body.isBlank() ? null : json.readValue(body, DecisionRequest.class);
        } catch (JsonProcessingException e) {
            // Logged without fields: none could be read.
            return new ReceivedDecisionRequest.Fields(
                            DecisionInterface.V1, null, null, null, null, receivedAt, receivedNanos)
                    .refused(ProblemMappers.jsonRefusal(e));
        }
        ReceivedDecisionRequest.Fields fields = new ReceivedDecisionRequest.Fields(
                DecisionInterface.V1,
                null,
                request == null || request.subject() == null
                        ? null
                        : request.subject().partyId(),
                request == null ? null : request.action(),
                request == null || request.onBehalfOf() == null
                        ? null
                        : request.onBehalfOf().partyId(),
                receivedAt,
                receivedNanos);
        try {
            return fields.valid(toQuery(request));
        } catch (ProblemException e) {
            return fields.refused(e.refusal());
        }
    }

    /**
     * Validates a request as every decision interface does (the same problem codes everywhere).
     *
     * @throws ProblemException with a 400 naming what is wrong
     */
    public static DecisionQuery toQuery(DecisionRequest request) {
        if (request == null) {
            throw new ProblemException(
                    ErrorCode.MISSING_BODY, "the request needs a JSON body with `subject` and `action`");
        }
        if (request.subject() == null || request.subject().partyId() == null) {
            throw new ProblemException(ErrorCode.MISSING_SUBJECT, "`subject.partyId` is required");
        }
        if (request.action() == null) {
            throw new ProblemException(ErrorCode.MISSING_ACTION, "`action` is required");
        }
        Action action = Action.fromWireName(request.action())
                .orElseThrow(() -> new ProblemException(
                        ErrorCode.UNKNOWN_ACTION,
                        "action `" + request.action() + "` is not one of "
                                + Arrays.stream(Action.values())
                                        .map(a -> "`" + a.wireName() + "`")
                                        .collect(Collectors.joining(", "))));
        String onBehalfOf = null;
        if (request.onBehalfOf() != null) {
            if (request.onBehalfOf().partyId() == null) {
                throw new ProblemException(
                        ErrorCode.MISSING_ON_BEHALF_OF, "`onBehalfOf.partyId` is required when `onBehalfOf` is given");
            }
            onBehalfOf = request.onBehalfOf().partyId();
        }
        Instant at = null;
        if (request.at() != null) {
            try {
                at = Instant.parse(request.at());
            } catch (DateTimeParseException e) {
                throw new ProblemException(
                        ErrorCode.INVALID_AT,
                        "`at` must be an ISO-8601 instant such as `2025-06-01T00:00:00Z`, not `" + request.at() + "`");
            }
        }
        return new DecisionQuery(request.subject().partyId(), action, onBehalfOf, at);
    }
}
