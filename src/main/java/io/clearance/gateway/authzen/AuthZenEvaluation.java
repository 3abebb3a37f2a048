package io.clearance.gateway.authzen;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearance.gateway.GatewayRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One access evaluation request whose shape is valid (subject, action and resource present with their
 * required strings): what Clearance takes from it, still to be checked against Clearance's mapping.
 *
 * @param onBehalfOf {@code context.on_behalf_of} as sent, or {@code null}
 * @param at {@code context.at} as sent, or {@code null}
 */
record AuthZenEvaluation(
        String subjectType,
        String subjectId,
        String actionName,
        String resourceType,
        String resourceId,
        JsonNode onBehalfOf,
        JsonNode at) {

    /** The subject types Clearance decides for: all three name a party of the registry. */
    static final Set<String> PARTY_TYPES = Set.of("organization", "individual", "party");

    /**
     * The request in the shape every interface shares; what does not fit Clearance's mapping is a problem
     * code for {@link AuthZenRequests#mappingProblem}.
     */
    GatewayRequest toGatewayRequest(String requestId) {
        Map<String, Object> logged = new LinkedHashMap<>();
        logged.put("subject_type", subjectType);
        logged.put("resource", Map.of("type", resourceType, "id", resourceId));
        if (requestId != null) {
            logged.put("request_id", requestId.length() > 128 ? requestId.substring(0, 128) : requestId);
        }
        String onBehalfOfId = onBehalfOf != null && onBehalfOf.path("id").isTextual()
                ? onBehalfOf.get("id").asText()
                : null;
        String instant = at != null && at.isTextual() ? at.asText() : null;
        return new GatewayRequest(subjectId, actionName, onBehalfOfId, instant, logged);
    }
}
