package io.clearance.api;

import static io.clearance.audit.DecisionAuditor.DECISION_ID_HEADER;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.audit.AuditUnavailableException;
import io.clearance.audit.AuditedAnswer;
import io.clearance.audit.AuditedDecisions;
import io.clearance.audit.DecisionInterface;
import io.clearance.audit.ReceivedDecisionRequest;
import io.clearance.decision.Action;
import io.clearance.decision.DecisionQuery;
import io.clearance.problem.ErrorCode;
import io.clearance.problem.Refusal;
import io.clearance.registry.outbox.RegistryFollower;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
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
import org.eclipse.microprofile.context.ManagedExecutor;

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
    private final PartyReferences references;
    private final RegistryFollower follower;
    private final ManagedExecutor workers;

    DecisionResource(
            AuditedDecisions decisions,
            ObjectMapper json,
            PartyReferences references,
            RegistryFollower follower,
            ManagedExecutor workers) {
        this.decisions = decisions;
        this.json = json;
        this.references = references;
        this.follower = follower;
        this.workers = workers;
    }

    /**
     * Answers only once the decision, or the refusal, is durable in the audit log (answered implies logged).
     * The body is read here, not by the framework, so that a body that is not JSON is logged too. Runs on the
     * event loop: a memoised answer is given there, anything to decide moves to a worker (see {@link
     * AuditedDecisions#answer}).
     */
    @POST
    public Uni<Response> decide(String body, @Context UriInfo uri, @Context RoutingContext routing) {
        String path = uri.getPath();
        Instant receivedAt = Instant.now();
        long receivedNanos = System.nanoTime();
        Parsed parsed = parse(ReadBodies.text(body, routing));
        Long wanted = parsed.request() == null ? null : parsed.request().minRegistryVersion();
        if (wanted == null) {
            // Nothing to wait for: a memo hit is answered with no Uni stage in between (each stage captures and
            // restores the request's context, a measurable share of a hit's cost under load).
            ReceivedDecisionRequest received = received(parsed, receivedAt, receivedNanos);
            AuditedAnswer hit;
            try {
                hit = decisions.memoised(received);
            } catch (AuditUnavailableException e) {
                return Uni.createFrom().failure(e);
            }
            if (hit != null) {
                return Uni.createFrom().item(response(hit, path));
            }
            return decisions.onWorker(received).map(answer -> response(answer, path));
        }
        // Waits before reading the request's parties: one named by an identifier may be the write waited for.
        return follower.reachedThenOn(wanted, workers)
                .chain(reached -> {
                    ReceivedDecisionRequest received = received(parsed, receivedAt, receivedNanos);
                    return decisions.answer(reached ? received : behind(received, wanted));
                })
                .map(answer -> response(answer, path));
    }

    /** A request that cannot be decided as asked: refused as behind, unless it was refused as invalid already. */
    private ReceivedDecisionRequest behind(ReceivedDecisionRequest received, long wanted) {
        if (received.refusal() != null) {
            return received;
        }
        Refusal refusal = follower.behind(wanted, "`minRegistryVersion`");
        return new ReceivedDecisionRequest(
                received.via(),
                received.gateway(),
                received.subjectId(),
                received.action(),
                received.onBehalfOfId(),
                received.receivedAt(),
                received.receivedNanos(),
                null,
                refusal);
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

    /** The body read as a request, or why it cannot be. */
    private record Parsed(DecisionRequest request, JsonProcessingException malformed) {}

    private Parsed parse(String body) {
        try {
            return new Parsed(
                    body == null || body.isBlank() ? null : json.readValue(body, DecisionRequest.class), null);
        } catch (JsonProcessingException e) {
            return new Parsed(null, e);
        }
    }

    /** The request as received: its fields as given, and the query it validates to or why it does not. */
    private ReceivedDecisionRequest received(Parsed parsed, Instant receivedAt, long receivedNanos) {
        if (parsed.malformed() != null) {
            // Logged without fields: none could be read.
            return new ReceivedDecisionRequest.Fields(
                            DecisionInterface.V1, null, null, null, null, receivedAt, receivedNanos)
                    .refused(ProblemMappers.jsonRefusal(parsed.malformed()));
        }
        DecisionRequest request = parsed.request();
        // A party given by an identifier is logged as given beside the request's fields (under `gateway`),
        // and decided as the party it names; one the registry does not know is refused as an unknown party.
        PartyReferences.Resolved parties = references.resolve(request);
        ReceivedDecisionRequest.Fields fields = new ReceivedDecisionRequest.Fields(
                DecisionInterface.V1,
                parties.given().isEmpty() ? null : parties.given(),
                parties.subjectId(),
                request == null ? null : request.action(),
                parties.onBehalfOfId(),
                receivedAt,
                receivedNanos);
        if (parties.refusal() != null) {
            return fields.refused(parties.refusal());
        }
        try {
            return fields.valid(toQuery(parties.applyTo(request)));
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
            throw new ProblemException(
                    ErrorCode.MISSING_SUBJECT, "`subject.partyId` or `subject.identifier` is required");
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
