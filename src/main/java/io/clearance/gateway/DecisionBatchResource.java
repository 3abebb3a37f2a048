package io.clearance.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.api.DecisionRequest;
import io.clearance.api.DecisionResource;
import io.clearance.api.PartyReferences;
import io.clearance.api.Problem;
import io.clearance.api.ProblemException;
import io.clearance.api.ProblemMappers;
import io.clearance.audit.AuditedAnswer;
import io.clearance.audit.AuditedDecisions;
import io.clearance.audit.DecisionAuditor;
import io.clearance.audit.DecisionInterface;
import io.clearance.audit.ReceivedDecisionRequest;
import io.clearance.problem.ErrorCode;
import io.clearance.problem.Refusal;
import io.clearance.registry.outbox.RegistryFollower;
import jakarta.ws.rs.Consumes;
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

    static final DecisionInterface VIA = DecisionInterface.BATCH;

    private final AuditedDecisions decisions;
    private final ObjectMapper json;
    private final BatchConfig config;
    private final PartyReferences references;
    private final RegistryFollower follower;

    DecisionBatchResource(
            AuditedDecisions decisions,
            ObjectMapper json,
            BatchConfig config,
            PartyReferences references,
            RegistryFollower follower) {
        this.decisions = decisions;
        this.json = json;
        this.config = config;
        this.references = references;
        this.follower = follower;
    }

    /** The body is read here, not by the framework, so that a batch that is not the JSON it should be is logged too. */
    @POST
    public Response decide(String body, @Context UriInfo uri) {
        BatchRequest batch = null;
        Refusal refusal = null;
        try {
            batch = body == null || body.isBlank() ? null : json.readValue(body, BatchRequest.class);
        } catch (JsonProcessingException e) {
            refusal = ProblemMappers.jsonRefusal(e);
        }
        try {
            if (refusal == null
                    && (batch == null
                            || batch.requests() == null
                            || batch.requests().isEmpty())) {
                refusal = new Refusal(ErrorCode.EMPTY_BATCH, "`requests` must list at least one decision request");
            } else if (refusal == null && batch.requests().size() > config.maxItems()) {
                refusal = new Refusal(
                        ErrorCode.BATCH_TOO_LARGE,
                        "`requests` holds " + batch.requests().size() + " items; at most " + config.maxItems()
                                + " are taken at once (`clearance.batch.max-items`)");
            }
            if (refusal != null) {
                AuditedAnswer refused = UndecidableException.unlessUndecidable(
                        decisions, GatewayRequest.unread(Map.of()).refused(VIA, refusal));
                return Response.status(refusal.code().status())
                        .type(Problem.MEDIA_TYPE)
                        .entity(Problem.of(refusal).at(uri.getPath()))
                        .header(DecisionAuditor.DECISION_ID_HEADER, refused.decisionId())
                        .build();
            }
            List<Item> items = new ArrayList<>(batch.requests().size());
            long wanted = Long.MIN_VALUE;
            for (JsonNode node : batch.requests()) {
                Item item = read(node);
                items.add(item);
                if (item.request() != null && item.request().minRegistryVersion() != null) {
                    wanted = Math.max(wanted, item.request().minRegistryVersion());
                }
            }
            // One wait for the newest version any item asks for, before the items' parties are read: one named
            // by an identifier may be the write waited for. An item whose version was not reached is refused.
            if (wanted != Long.MIN_VALUE) {
                follower.reached(wanted).join();
            }
            long reached = follower.applied();
            List<BatchResult> results = new ArrayList<>(items.size());
            for (Item item : items) {
                results.add(decide(item, reached));
            }
            return Response.ok(new BatchResult.Results(results)).build();
        } catch (UndecidableException e) {
            return Response.status(503)
                    .type(Problem.MEDIA_TYPE)
                    .entity(e.problem().at(uri.getPath()))
                    .build();
        }
    }

    /** A batch item: the request it reads as, or why it does not. */
    private record Item(DecisionRequest request, Refusal unreadable) {}

    private Item read(JsonNode node) {
        try {
            DecisionRequest request =
                    node == null || node.isNull() ? null : json.treeToValue(node, DecisionRequest.class);
            return request == null
                    ? new Item(null, new Refusal(ErrorCode.MISSING_BODY, "a batch item must be a decision request"))
                    : new Item(request, null);
        } catch (JsonProcessingException e) {
            return new Item(null, ProblemMappers.jsonRefusal(e));
        }
    }

    private BatchResult decide(Item item, long reached) {
        if (item.unreadable() != null) {
            return answer(GatewayRequest.unread(Map.of()).refused(VIA, item.unreadable()));
        }
        DecisionRequest request = item.request();
        // Parties by `partyId` or by `identifier`, as `POST /v1/decisions` takes them; an identifier is logged
        // as given.
        PartyReferences.Resolved parties = references.resolve(request);
        GatewayRequest fields = new GatewayRequest(
                parties.subjectId(), request.action(), parties.onBehalfOfId(), request.at(), parties.given());
        if (parties.refusal() != null) {
            return answer(fields.refused(VIA, parties.refusal()));
        }
        try {
            // An `onBehalfOf` without its `partyId` must not pass as no end customer at all.
            DecisionResource.toQuery(parties.applyTo(request));
        } catch (ProblemException e) {
            return answer(fields.refused(VIA, e.refusal()));
        }
        Long wanted = request.minRegistryVersion();
        if (wanted != null && wanted > reached) {
            return answer(fields.refused(VIA, follower.behind(wanted, "`minRegistryVersion`")));
        }
        return answer(fields.received(VIA));
    }

    private BatchResult answer(ReceivedDecisionRequest request) {
        AuditedAnswer answer = UndecidableException.unlessUndecidable(decisions, request);
        if (answer instanceof AuditedAnswer.Decided decided) {
            return new BatchResult(200, decided.decision(), null, null);
        }
        Refusal refusal = ((AuditedAnswer.Rejected) answer).refusal();
        return new BatchResult(refusal.code().status(), null, answer.decisionId(), Problem.of(refusal));
    }
}
