package io.clearance.gateway;

import io.clearance.api.DecisionRequest;
import io.clearance.api.DecisionResource;
import io.clearance.api.ProblemException;
import io.clearance.audit.DecisionInterface;
import io.clearance.audit.ReceivedDecisionRequest;
import io.clearance.problem.Refusal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A decision request as a gateway interface received it, before validation: the fields of
 * {@code POST /v1/decisions} (any of them {@code null}) and what the audit record keeps beside them.
 *
 * @param logged the interface's own fields worth keeping (an AuthZEN resource, Envoy's path...), stored
 *     in the audit record's request under {@code gateway}; never headers or credentials. A map because each
 *     interface logs fields of its own protocol, under that protocol's names
 */
public record GatewayRequest(
        String subjectId, String action, String onBehalfOfId, String at, Map<String, Object> logged) {

    public GatewayRequest {
        // Kept in the order given: the logged fields are serialised into the hash-chained audit record.
        logged = logged == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(logged));
    }

    /** A request none of whose decision fields could be read. */
    public static GatewayRequest unread(Map<String, Object> logged) {
        return new GatewayRequest(null, null, null, null, logged);
    }

    /**
     * The request as the audited use case takes it, validated by the code that validates
     * {@code POST /v1/decisions} (the same problem codes everywhere).
     */
    public ReceivedDecisionRequest received(DecisionInterface via) {
        ReceivedDecisionRequest.Fields fields = fields(via);
        try {
            return fields.valid(DecisionResource.toQuery(asDecisionRequest()));
        } catch (ProblemException e) {
            return fields.refused(e.refusal());
        }
    }

    /** The request, refused by the interface before validation (its own shape was wrong). */
    public ReceivedDecisionRequest refused(DecisionInterface via, Refusal refusal) {
        return fields(via).refused(refusal);
    }

    private ReceivedDecisionRequest.Fields fields(DecisionInterface via) {
        Map<String, Object> gateway = new LinkedHashMap<>();
        gateway.put("interface", via.wireName());
        gateway.putAll(logged);
        if (at != null) {
            gateway.putIfAbsent("at", at);
        }
        return new ReceivedDecisionRequest.Fields(
                via, gateway, subjectId, action, onBehalfOfId, Instant.now(), System.nanoTime());
    }

    /** The same request in the shape of {@code POST /v1/decisions}. */
    private DecisionRequest asDecisionRequest() {
        return new DecisionRequest(
                subjectId == null ? null : new DecisionRequest.PartyRef(subjectId),
                action,
                onBehalfOfId == null ? null : new DecisionRequest.PartyRef(onBehalfOfId),
                at);
    }
}
