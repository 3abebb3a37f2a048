package io.clearance.gateway.authzen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.api.Problem;
import io.clearance.api.ReadBodies;
import io.clearance.audit.AuditUnavailableException;
import io.clearance.audit.AuditedAnswer;
import io.clearance.audit.AuditedDecisions;
import io.clearance.audit.DecisionAuditor;
import io.clearance.audit.DecisionInterface;
import io.clearance.audit.ReceivedDecisionRequest;
import io.clearance.gateway.BatchConfig;
import io.clearance.gateway.GatewayConfig;
import io.clearance.gateway.GatewayRequest;
import io.clearance.gateway.MinRegistryVersion;
import io.clearance.gateway.UndecidableException;
import io.clearance.problem.ErrorCode;
import io.clearance.problem.Refusal;
import io.clearance.registry.RegistryRejection;
import io.clearance.registry.identity.Identifier;
import io.clearance.registry.identity.PartyIdentifiers;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.context.ManagedExecutor;

/**
 * The AuthZEN Access Evaluation API ({@code POST /access/v1/evaluation}) and Access Evaluations API
 * ({@code POST /access/v1/evaluations}). A denial is a 200 with {@code "decision": false}; a 4xx means the
 * request could not be evaluated, a 503 that Clearance could not decide (a PEP must refuse on both).
 * Every evaluation is decided and logged as {@code POST /v1/decisions} would decide and log it.
 */
@Path("/access/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthZenResource {

    static final DecisionInterface VIA = DecisionInterface.AUTHZEN;

    private final AuditedDecisions decisions;
    private final ObjectMapper json;
    private final BatchConfig batch;
    private final GatewayConfig gateway;
    private final PartyIdentifiers identifiers;
    private final ManagedExecutor workers;
    private final MinRegistryVersion registry;

    AuthZenResource(
            AuditedDecisions decisions,
            ObjectMapper json,
            BatchConfig batch,
            GatewayConfig gateway,
            PartyIdentifiers identifiers,
            ManagedExecutor workers,
            MinRegistryVersion registry) {
        this.decisions = decisions;
        this.json = json;
        this.batch = batch;
        this.gateway = gateway;
        this.identifiers = identifiers;
        this.workers = workers;
        this.registry = registry;
    }

    /**
     * Runs on the event loop: a memoised answer is given there (see {@link AuditedDecisions#memoised}); anything
     * to decide, refuse or resolve moves to a worker.
     */
    @POST
    @Path("/evaluation")
    public Uni<Response> evaluation(
            String body, @HeaderParam("X-Request-ID") String requestId, UriInfo uri, @Context RoutingContext routing) {
        String path = uri.getPath();
        AuthZenEvaluation evaluation;
        try {
            evaluation = AuthZenRequests.evaluation(read(ReadBodies.text(body, routing)));
        } catch (AuthZenRequests.Invalid e) {
            return onWorker(() -> problem(answer(unreadable(requestId).refused(VIA, e.refusal)), path), path);
        }
        Long wanted = evaluation.minRegistryVersion();
        if (wanted != null) {
            // Read-your-writes: waits before the memo is read or the subject resolved, either may need the write.
            AuthZenEvaluation asked = evaluation;
            return registry.reached(wanted)
                    .chain(reached -> reached
                            ? evaluate(asked, requestId, path)
                            : onWorker(() -> single(answer(behind(asked, requestId)), path), path));
        }
        return evaluate(evaluation, requestId, path);
    }

    private Uni<Response> evaluate(AuthZenEvaluation evaluation, String requestId, String path) {
        AuditedAnswer memoised;
        try {
            memoised = memoised(evaluation, requestId);
        } catch (UndecidableException e) {
            return Uni.createFrom().item(undecidable(e, path));
        }
        if (memoised != null) {
            return Uni.createFrom().item(single(memoised, path));
        }
        return onWorker(() -> single(answer(received(evaluation, requestId)), path), path);
    }

    /**
     * On a worker: an evaluations body may be large, and the event-loop memo path is kept to bodies that are
     * small by nature (a batch read on the event loop was refused as malformed JSON above some size).
     */
    @POST
    @Path("/evaluations")
    public Response evaluations(String body, @HeaderParam("X-Request-ID") String requestId, UriInfo uri) {
        String path = uri.getPath();
        try {
            AuthZenRequests.Evaluations request;
            try {
                request = AuthZenRequests.evaluations(read(body), batch.maxItems());
            } catch (AuthZenRequests.Invalid e) {
                return problem(answer(unreadable(requestId).refused(VIA, e.refusal)), path);
            }
            // Read-your-writes: one wait, for the newest version any item asks for; then each item is decided
            // or, when this instance is still behind the version it asks for, refused.
            request.items().stream()
                    .map(AuthZenEvaluation::minRegistryVersion)
                    .filter(java.util.Objects::nonNull)
                    .max(Long::compare)
                    .ifPresent(registry::reachedNow);
            if (request.single()) {
                return single(answer(receivedAt(request.items().get(0), requestId)), path);
            }
            return evaluated(request, List.of(), requestId);
        } catch (UndecidableException e) {
            return undecidable(e, path);
        }
    }

    /** The items after those already {@code answered}, each decided in turn until the semantic stops. */
    private Response evaluated(AuthZenRequests.Evaluations request, List<AuthZenDecision> answered, String requestId) {
        List<AuthZenDecision> answers = new ArrayList<>(answered);
        for (AuthZenEvaluation evaluation :
                request.items().subList(answered.size(), request.items().size())) {
            if (add(answers, item(answer(receivedAt(evaluation, requestId))), request.semantic())) {
                break;
            }
        }
        return Response.ok(new AuthZenEvaluations(answers)).build();
    }

    /** Adds an item's answer; returns whether the semantic stops the evaluations there. */
    private static boolean add(
            List<AuthZenDecision> answers, AuthZenDecision answer, AuthZenRequests.Semantic semantic) {
        boolean stops = switch (semantic) {
            case EXECUTE_ALL -> false;
            case DENY_ON_FIRST_DENY -> !answer.decision();
            case PERMIT_ON_FIRST_PERMIT -> answer.decision();
        };
        answers.add(
                stops && semantic == AuthZenRequests.Semantic.DENY_ON_FIRST_DENY
                        ? answer.stoppedBy(semantic.wireName)
                        : answer);
        return stops;
    }

    /**
     * The memo's answer to an evaluation, logged, or {@code null} when it is to be decided on a worker: not in
     * the memo, refused, or naming its subject by an identifier (resolving one may read the database).
     */
    private AuditedAnswer memoised(AuthZenEvaluation evaluation, String requestId) {
        if (gateway.identifierSchemes().contains(evaluation.subjectType())) {
            return null;
        }
        ReceivedDecisionRequest received = received(evaluation, requestId);
        if (received.refusal() != null) {
            return null;
        }
        try {
            return decisions.memoised(received);
        } catch (AuditUnavailableException e) {
            throw UndecidableException.unlogged(e);
        }
    }

    private Uni<Response> onWorker(Supplier<Response> answer, String path) {
        return Uni.createFrom()
                .item(() -> {
                    try {
                        return answer.get();
                    } catch (UndecidableException e) {
                        return undecidable(e, path);
                    }
                })
                .runSubscriptionOn(workers);
    }

    private static Response single(AuditedAnswer answer, String path) {
        if (answer instanceof AuditedAnswer.Decided decided) {
            return Response.ok(AuthZenDecision.of(decided.decision())).build();
        }
        return problem(answer, path);
    }

    /** One evaluation of several: a refusal is that item's error, closed, and the others go on. */
    private static AuthZenDecision item(AuditedAnswer answer) {
        if (answer instanceof AuditedAnswer.Decided decided) {
            return AuthZenDecision.of(decided.decision());
        }
        AuditedAnswer.Rejected refused = (AuditedAnswer.Rejected) answer;
        return AuthZenDecision.refused(refused.refusal(), refused.decisionId());
    }

    /** An evaluation of a batch, after the batch's wait: refused when the registry is behind what it asks. */
    private ReceivedDecisionRequest receivedAt(AuthZenEvaluation evaluation, String requestId) {
        Long wanted = evaluation.minRegistryVersion();
        return wanted == null || registry.hasReached(wanted)
                ? received(evaluation, requestId)
                : behind(evaluation, requestId);
    }

    /** Refused as behind, logged as given: its subject is not resolved, the write it waits for may name it. */
    private ReceivedDecisionRequest behind(AuthZenEvaluation evaluation, String requestId) {
        return evaluation
                .toGatewayRequest(requestId)
                .refused(VIA, registry.behind(evaluation.minRegistryVersion(), "`context.min_registry_version`"));
    }

    private ReceivedDecisionRequest received(AuthZenEvaluation given, String requestId) {
        AuthZenEvaluation evaluation = given;
        Refusal identification = null;
        if (gateway.identifierSchemes().contains(given.subjectType())) {
            // A subject named by an identifier (`{"type": "lei", "id": "5493…"}`): decided as the party that
            // carries it; one nobody carries is refused as an unknown party is, and logged as given.
            try {
                Identifier identifier = Identifier.of(given.subjectType(), given.subjectId());
                Optional<String> party = identifiers.partyOf(identifier);
                if (party.isPresent()) {
                    evaluation = given.resolvedTo(party.get());
                } else {
                    identification = new Refusal(
                            ErrorCode.UNKNOWN_PARTY_IN_REQUEST,
                            "the subject's identifier `" + identifier + "` is carried by no party in the registry");
                }
            } catch (RegistryRejection e) {
                identification = new Refusal(e.errorCode(), e.getMessage());
            }
        }
        GatewayRequest request = evaluation.toGatewayRequest(requestId);
        Refusal mapping = identification != null ? identification : AuthZenRequests.mappingRefusal(evaluation);
        return mapping != null ? request.refused(VIA, mapping) : request.received(VIA);
    }

    private AuditedAnswer answer(ReceivedDecisionRequest request) {
        return UndecidableException.unlessUndecidable(decisions, request);
    }

    private JsonNode read(String body) throws AuthZenRequests.Invalid {
        if (body == null || body.isBlank()) {
            throw new AuthZenRequests.Invalid(ErrorCode.MISSING_BODY, "the request needs a JSON object body");
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AuthZenRequests.Invalid(
                    ErrorCode.MALFORMED_JSON, "the body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static GatewayRequest unreadable(String requestId) {
        return GatewayRequest.unread(requestId == null ? Map.of() : Map.of("request_id", requestId));
    }

    private static Response problem(AuditedAnswer answer, String path) {
        AuditedAnswer.Rejected refused = (AuditedAnswer.Rejected) answer;
        return Response.status(refused.refusal().code().status())
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(refused.refusal()).at(path))
                .header(DecisionAuditor.DECISION_ID_HEADER, refused.decisionId())
                .build();
    }

    private static Response undecidable(UndecidableException e, String path) {
        return Response.status(503)
                .type(Problem.MEDIA_TYPE)
                .entity(e.problem().at(path))
                .build();
    }
}
