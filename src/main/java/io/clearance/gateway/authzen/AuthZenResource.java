package io.clearance.gateway.authzen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.api.Problem;
import io.clearance.audit.AuditedAnswer;
import io.clearance.audit.AuditedDecisions;
import io.clearance.audit.DecisionAuditor;
import io.clearance.audit.DecisionInterface;
import io.clearance.audit.ReceivedDecisionRequest;
import io.clearance.gateway.BatchConfig;
import io.clearance.gateway.GatewayConfig;
import io.clearance.gateway.GatewayRequest;
import io.clearance.gateway.UndecidableException;
import io.clearance.problem.ErrorCode;
import io.clearance.problem.Refusal;
import io.clearance.registry.RegistryRejection;
import io.clearance.registry.identity.Identifier;
import io.clearance.registry.identity.PartyIdentifiers;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    AuthZenResource(
            AuditedDecisions decisions,
            ObjectMapper json,
            BatchConfig batch,
            GatewayConfig gateway,
            PartyIdentifiers identifiers) {
        this.decisions = decisions;
        this.json = json;
        this.batch = batch;
        this.gateway = gateway;
        this.identifiers = identifiers;
    }

    @POST
    @Path("/evaluation")
    public Response evaluation(String body, @HeaderParam("X-Request-ID") String requestId, UriInfo uri) {
        try {
            AuthZenEvaluation evaluation;
            try {
                evaluation = AuthZenRequests.evaluation(read(body));
            } catch (AuthZenRequests.Invalid e) {
                return problem(answer(unreadable(requestId).refused(VIA, e.refusal)), uri);
            }
            return single(evaluation, requestId, uri);
        } catch (UndecidableException e) {
            return undecidable(e, uri);
        }
    }

    @POST
    @Path("/evaluations")
    public Response evaluations(String body, @HeaderParam("X-Request-ID") String requestId, UriInfo uri) {
        try {
            AuthZenRequests.Evaluations request;
            try {
                request = AuthZenRequests.evaluations(read(body), batch.maxItems());
            } catch (AuthZenRequests.Invalid e) {
                return problem(answer(unreadable(requestId).refused(VIA, e.refusal)), uri);
            }
            if (request.single()) {
                return single(request.items().get(0), requestId, uri);
            }
            List<AuthZenDecision> answers = new ArrayList<>();
            for (AuthZenEvaluation evaluation : request.items()) {
                AuthZenDecision answer = decide(evaluation, requestId);
                boolean stops = switch (request.semantic()) {
                    case EXECUTE_ALL -> false;
                    case DENY_ON_FIRST_DENY -> !answer.decision();
                    case PERMIT_ON_FIRST_PERMIT -> answer.decision();
                };
                if (stops && request.semantic() == AuthZenRequests.Semantic.DENY_ON_FIRST_DENY) {
                    answer = answer.stoppedBy(request.semantic().wireName);
                }
                answers.add(answer);
                if (stops) {
                    break;
                }
            }
            return Response.ok(new AuthZenEvaluations(answers)).build();
        } catch (UndecidableException e) {
            return undecidable(e, uri);
        }
    }

    private Response single(AuthZenEvaluation evaluation, String requestId, UriInfo uri) {
        AuditedAnswer answer = answer(received(evaluation, requestId));
        if (answer instanceof AuditedAnswer.Decided decided) {
            return Response.ok(AuthZenDecision.of(decided.decision())).build();
        }
        return problem((AuditedAnswer.Rejected) answer, uri);
    }

    /** One evaluation of several: a refusal is that item's error, closed, and the others go on. */
    private AuthZenDecision decide(AuthZenEvaluation evaluation, String requestId) {
        AuditedAnswer answer = answer(received(evaluation, requestId));
        if (answer instanceof AuditedAnswer.Decided decided) {
            return AuthZenDecision.of(decided.decision());
        }
        AuditedAnswer.Rejected refused = (AuditedAnswer.Rejected) answer;
        return AuthZenDecision.refused(refused.refusal(), refused.decisionId());
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

    private static Response problem(AuditedAnswer answer, UriInfo uri) {
        AuditedAnswer.Rejected refused = (AuditedAnswer.Rejected) answer;
        return Response.status(refused.refusal().code().status())
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(refused.refusal()).at(uri.getPath()))
                .header(DecisionAuditor.DECISION_ID_HEADER, refused.decisionId())
                .build();
    }

    private static Response undecidable(UndecidableException e, UriInfo uri) {
        return Response.status(503)
                .type(Problem.MEDIA_TYPE)
                .entity(e.problem().at(uri.getPath()))
                .build();
    }
}
