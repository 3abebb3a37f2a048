package io.clearance.gateway.authzen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.api.Problem;
import io.clearance.audit.DecisionAuditor;
import io.clearance.gateway.BatchConfig;
import io.clearance.gateway.GatewayAnswer;
import io.clearance.gateway.GatewayDecisions;
import io.clearance.gateway.GatewayRequest;
import io.clearance.gateway.UndecidableException;
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

    static final String VIA = "authzen";

    private final GatewayDecisions decisions;
    private final ObjectMapper json;
    private final BatchConfig batch;

    AuthZenResource(GatewayDecisions decisions, ObjectMapper json, BatchConfig batch) {
        this.decisions = decisions;
        this.json = json;
        this.batch = batch;
    }

    @POST
    @Path("/evaluation")
    public Response evaluation(String body, @HeaderParam("X-Request-ID") String requestId, UriInfo uri) {
        try {
            AuthZenEvaluation evaluation;
            try {
                evaluation = AuthZenRequests.evaluation(read(body));
            } catch (AuthZenRequests.Invalid e) {
                return problem(decisions.refuse(VIA, unreadable(requestId), e.problem), uri);
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
                return problem(decisions.refuse(VIA, unreadable(requestId), e.problem), uri);
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
        GatewayRequest request = evaluation.toGatewayRequest(requestId);
        Problem mapping = AuthZenRequests.mappingProblem(evaluation);
        GatewayAnswer answer =
                mapping != null ? decisions.refuse(VIA, request, mapping) : decisions.decide(VIA, request);
        if (answer instanceof GatewayAnswer.Decided decided) {
            return Response.ok(AuthZenDecision.of(decided.decision())).build();
        }
        return problem((GatewayAnswer.Refused) answer, uri);
    }

    /** One evaluation of several: a refusal is that item's error, closed, and the others go on. */
    private AuthZenDecision decide(AuthZenEvaluation evaluation, String requestId) {
        GatewayRequest request = evaluation.toGatewayRequest(requestId);
        Problem mapping = AuthZenRequests.mappingProblem(evaluation);
        GatewayAnswer answer =
                mapping != null ? decisions.refuse(VIA, request, mapping) : decisions.decide(VIA, request);
        if (answer instanceof GatewayAnswer.Decided decided) {
            return AuthZenDecision.of(decided.decision());
        }
        GatewayAnswer.Refused refused = (GatewayAnswer.Refused) answer;
        return AuthZenDecision.refused(refused.problem(), refused.decisionId());
    }

    private JsonNode read(String body) throws AuthZenRequests.Invalid {
        if (body == null || body.isBlank()) {
            throw new AuthZenRequests.Invalid("missing-body", "the request needs a JSON object body");
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AuthZenRequests.Invalid(
                    "malformed-json", "the body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static GatewayRequest unreadable(String requestId) {
        return new GatewayRequest(
                null, null, null, null, requestId == null ? Map.of() : Map.of("request_id", requestId));
    }

    private static Response problem(GatewayAnswer.Refused refused, UriInfo uri) {
        return Response.status(refused.problem().status())
                .type(Problem.MEDIA_TYPE)
                .entity(refused.problem().at(uri.getPath()))
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
