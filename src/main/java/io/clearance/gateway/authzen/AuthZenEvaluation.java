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
 * @param minRegistryVersion {@code context.min_registry_version}: decided on a registry at least that new, or
 *     refused with {@code registry-behind} ({@link io.clearance.gateway.MinRegistryVersion}); {@code null}
 * @param resolvedPartyId the party a subject given by an identifier ({@code type} a scheme such as {@code lei})
 *     resolved to; {@code null} when the subject is given by party id
 */
record AuthZenEvaluation(
        String subjectType,
        String subjectId,
        String actionName,
        String resourceType,
        String resourceId,
        JsonNode onBehalfOf,
        JsonNode at,
        String resolvedPartyId,
        Long minRegistryVersion) {

    AuthZenEvaluation(
            String subjectType,
            String subjectId,
            String actionName,
            String resourceType,
            String resourceId,
            JsonNode onBehalfOf,
            JsonNode at,
            Long minRegistryVersion) {
        this(subjectType, subjectId, actionName, resourceType, resourceId, onBehalfOf, at, null, minRegistryVersion);
    }

    /** The subject types Clearance decides for: all three name a party of the registry. */
    static final Set<String> PARTY_TYPES = Set.of("organization", "individual", "party");

    /**
     * The same evaluation with its subject given as the party an identifier resolved to; the identifier as
     * given stays in what is logged ({@code subject_type}, {@code subject_identifier}).
     */
    AuthZenEvaluation resolvedTo(String partyId) {
        return new AuthZenEvaluation(
                subjectType,
                subjectId,
                actionName,
                resourceType,
                resourceId,
                onBehalfOf,
                at,
                partyId,
                minRegistryVersion);
    }

    /**
     * The request in the shape every interface shares; what does not fit Clearance's mapping is a problem
     * code for {@link AuthZenRequests#mappingProblem}.
     */
    GatewayRequest toGatewayRequest(String requestId) {
        Map<String, Object> logged = new LinkedHashMap<>();
        logged.put("subject_type", subjectType);
        if (resolvedPartyId != null) {
            logged.put("subject_identifier", subjectType + ":" + subjectId);
        }
        // In this order, whatever the JVM: the audit record's bytes are hashed into the chain.
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("type", resourceType);
        resource.put("id", resourceId);
        logged.put("resource", resource);
        if (requestId != null) {
            logged.put("request_id", requestId.length() > 128 ? requestId.substring(0, 128) : requestId);
        }
        String onBehalfOfId = onBehalfOf != null && onBehalfOf.path("id").isTextual()
                ? onBehalfOf.get("id").asText()
                : null;
        String instant = at != null && at.isTextual() ? at.asText() : null;
        return new GatewayRequest(
                resolvedPartyId != null ? resolvedPartyId : subjectId, actionName, onBehalfOfId, instant, logged);
    }
}
