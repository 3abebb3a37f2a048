package io.clearance.api;

import io.clearance.decision.Action;
import io.clearance.decision.Decision;
import io.clearance.decision.DecisionQuery;
import io.clearance.decision.DecisionService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The endpoint gateways call: one request in, one decision with its reasons out. */
@Path("/v1/decisions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DecisionResource {

    private final DecisionService decisions;

    DecisionResource(DecisionService decisions) {
        this.decisions = decisions;
    }

    @POST
    public Decision decide(DecisionRequest request) {
        return decisions.decide(toQuery(request));
    }

    static DecisionQuery toQuery(DecisionRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("missing-body", "the request needs a JSON body with `subject` and `action`");
        }
        if (request.subject() == null || request.subject().partyId() == null) {
            throw ProblemException.badRequest("missing-subject", "`subject.partyId` is required");
        }
        if (request.action() == null) {
            throw ProblemException.badRequest("missing-action", "`action` is required");
        }
        Action action = Action.fromWireName(request.action()).orElseThrow(() -> ProblemException.badRequest("unknown-action",
                "action `" + request.action() + "` is not one of " + Arrays.stream(Action.values())
                        .map(a -> "`" + a.wireName() + "`").collect(Collectors.joining(", "))));
        String onBehalfOf = null;
        if (request.onBehalfOf() != null) {
            if (request.onBehalfOf().partyId() == null) {
                throw ProblemException.badRequest("missing-on-behalf-of", "`onBehalfOf.partyId` is required when `onBehalfOf` is given");
            }
            onBehalfOf = request.onBehalfOf().partyId();
        }
        return new DecisionQuery(request.subject().partyId(), action, onBehalfOf);
    }
}
