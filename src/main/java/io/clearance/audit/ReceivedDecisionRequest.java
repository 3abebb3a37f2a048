package io.clearance.audit;

import io.clearance.decision.DecisionQuery;
import io.clearance.problem.Refusal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A decision request as an endpoint received it, whatever its wire format: the interface it came through,
 * the fields as given (what the log keeps, any of them {@code null}), when it arrived, and either the query
 * it validated to or why the endpoint refused it before any rule ran.
 *
 * @param gateway what a gateway interface's request said beyond the decision's own fields (the interface,
 *     an AuthZEN resource), kept in the logged request under {@code gateway}; {@code null} for the v1 API.
 *     Never headers or credentials. A map: each interface keeps its own fields (see {@code GatewayRequest}).
 * @param receivedNanos {@link System#nanoTime()} on arrival, for the latency the log records
 * @param query the validated request; {@code null} exactly when {@code refusal} is not
 */
public record ReceivedDecisionRequest(
        DecisionInterface via,
        Map<String, Object> gateway,
        String subjectId,
        String action,
        String onBehalfOfId,
        Instant receivedAt,
        long receivedNanos,
        DecisionQuery query,
        Refusal refusal) {

    public ReceivedDecisionRequest {
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if ((query == null) == (refusal == null)) {
            throw new IllegalArgumentException("a received request is either valid or refused");
        }
    }

    /** The fields of a request as received, before it is found valid or refused. */
    public record Fields(
            DecisionInterface via,
            Map<String, Object> gateway,
            String subjectId,
            String action,
            String onBehalfOfId,
            Instant receivedAt,
            long receivedNanos) {

        public ReceivedDecisionRequest valid(DecisionQuery query) {
            return new ReceivedDecisionRequest(
                    via, gateway, subjectId, action, onBehalfOfId, receivedAt, receivedNanos, query, null);
        }

        public ReceivedDecisionRequest refused(Refusal refusal) {
            return new ReceivedDecisionRequest(
                    via, gateway, subjectId, action, onBehalfOfId, receivedAt, receivedNanos, null, refusal);
        }
    }
}
