package io.clearance.gateway;

import io.clearance.api.DecisionRequest;
import java.util.Map;

/**
 * A decision request as a gateway interface received it, before validation: the fields of
 * {@code POST /v1/decisions} (any of them {@code null}) and what the audit record keeps beside them.
 *
 * @param logged the interface's own fields worth keeping (the interface name, an AuthZEN resource...),
 *     stored in the audit record's request under {@code gateway}; never headers or credentials
 */
public record GatewayRequest(
        String subjectId, String action, String onBehalfOfId, String at, Map<String, Object> logged) {

    public GatewayRequest {
        logged = logged == null ? Map.of() : Map.copyOf(logged);
    }

    /** The same request in the shape of {@code POST /v1/decisions}, validated by the same code. */
    DecisionRequest asDecisionRequest() {
        return new DecisionRequest(
                subjectId == null ? null : new DecisionRequest.PartyRef(subjectId),
                action,
                onBehalfOfId == null ? null : new DecisionRequest.PartyRef(onBehalfOfId),
                at);
    }
}
