package io.clearance.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.api.DecisionRequest;
import io.clearance.api.DecisionResource;
import io.clearance.api.Problem;
import io.clearance.api.ProblemException;
import io.clearance.api.ProblemMappers;
import io.clearance.audit.DecisionAuditor;
import jakarta.ws.rs.Consumes;
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
 * {@code POST /v1/decisions/batch}: up to {@code clearance.batch.max-items} requests in one call, each
 * decided and logged on its own exactly as {@code POST /v1/decisions} would (a bad item gets its own
 * problem, logged as a rejection, and the others are decided). When Clearance cannot decide, the whole
 * batch is a 503: no item is answered as a permission it was not given.
 */
@Path("/v1/decisions/batch")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DecisionBatchResource {

    static final String VIA = "batch";

    private final GatewayDecisions decisions;
    private final ObjectMapper json;
    private final BatchConfig config;

    DecisionBatchResource(GatewayDecisions decisions, ObjectMapper json, BatchConfig config) {
        this.decisions = decisions;
        this.json = json;
        this.config = config;
    }

    @POST
    public Response decide(BatchRequest batch, UriInfo uri) {
        try {
            Problem refusal = null;
            if (batch == null || batch.requests() == null || batch.requests().isEmpty()) {
                refusal = Problem.of(
                        400, "empty-batch", "Invalid request", "`requests` must list at least one decision request");
            } else if (batch.requests().size() > config.maxItems()) {
                refusal = Problem.of(
                        400,
                        "batch-too-large",
                        "Invalid request",
                        "`requests` holds " + batch.requests().size() + " items; at most " + config.maxItems()
                                + " are taken at once (`clearance.batch.max-items`)");
            }
            if (refusal != null) {
                GatewayAnswer.Refused refused =
                        decisions.refuse(VIA, new GatewayRequest(null, null, null, null, Map.of()), refusal);
                return Response.status(400)
                        .type(Problem.MEDIA_TYPE)
                        .entity(refusal.at(uri.getPath()))
                        .header(DecisionAuditor.DECISION_ID_HEADER, refused.decisionId())
                        .build();
            }
        } catch (UndecidableException e) {
            return undecidable(e, uri);
        }
        try {
            List<BatchResult> results = new ArrayList<>(batch.requests().size());
            for (JsonNode item : batch.requests()) {
                results.add(decide(item));
            }
            return Response.ok(new BatchResult.Results(results)).build();
        } catch (UndecidableException e) {
            return undecidable(e, uri);
        }
    }

    private static Response undecidable(UndecidableException e, UriInfo uri) {
        return Response.status(503)
                .type(Problem.MEDIA_TYPE)
                .entity(e.problem().at(uri.getPath()))
                .build();
    }

    private BatchResult decide(JsonNode item) {
        DecisionRequest request;
        try {
            request = item == null || item.isNull() ? null : json.treeToValue(item, DecisionRequest.class);
        } catch (JsonProcessingException e) {
            return refused(decisions.refuse(
                    VIA, new GatewayRequest(null, null, null, null, Map.of()), ProblemMappers.jsonProblem(e)));
        }
        if (request == null) {
            return refused(decisions.refuse(
                    VIA,
                    new GatewayRequest(null, null, null, null, Map.of()),
                    Problem.of(400, "missing-body", "Invalid request", "a batch item must be a decision request")));
        }
        GatewayRequest fields = new GatewayRequest(
                request.subject() == null ? null : request.subject().partyId(),
                request.action(),
                request.onBehalfOf() == null ? null : request.onBehalfOf().partyId(),
                request.at(),
                Map.of());
        try {
            // An `onBehalfOf` without its `partyId` must not pass as no end customer at all.
            DecisionResource.toQuery(request);
        } catch (ProblemException e) {
            return refused(decisions.refuse(VIA, fields, e.problem()));
        }
        GatewayAnswer answer = decisions.decide(VIA, fields);
        if (answer instanceof GatewayAnswer.Decided decided) {
            return new BatchResult(200, decided.decision(), null, null);
        }
        return refused((GatewayAnswer.Refused) answer);
    }

    private static BatchResult refused(GatewayAnswer.Refused refused) {
        return new BatchResult(refused.problem().status(), null, refused.decisionId(), refused.problem());
    }
}
