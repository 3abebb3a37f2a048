package io.clearance.audit;

import io.clearance.decision.DecisionQuery;
import io.clearance.problem.Refusal;
import java.time.Instant;
import java.util.Objects;

/**
 * A decision request as an endpoint received it, whatever its wire format: the fields as given (what the
 * log keeps, any of them {@code null}), when it arrived, and either the query it validated to or why the
 * endpoint refused it before any rule ran.
 *
 * @param receivedNanos {@link System#nanoTime()} on arrival, for the latency the log records
 * @param query the validated request; {@code null} exactly when {@code refusal} is not
 */
public record ReceivedDecisionRequest(
        String subjectId,
        String action,
        String onBehalfOfId,
        Instant receivedAt,
        long receivedNanos,
        DecisionQuery query,
        Refusal refusal) {

    public ReceivedDecisionRequest {
        Objects.requireNonNull(receivedAt, "receivedAt");
        if ((query == null) == (refusal == null)) {
            throw new IllegalArgumentException("a received request is either valid or refused");
        }
    }

    public static ReceivedDecisionRequest valid(
            String subjectId,
            String action,
            String onBehalfOfId,
            Instant receivedAt,
            long receivedNanos,
            DecisionQuery query) {
        return new ReceivedDecisionRequest(subjectId, action, onBehalfOfId, receivedAt, receivedNanos, query, null);
    }

    public static ReceivedDecisionRequest refused(
            String subjectId,
            String action,
            String onBehalfOfId,
            Instant receivedAt,
            long receivedNanos,
            Refusal refusal) {
        return new ReceivedDecisionRequest(subjectId, action, onBehalfOfId, receivedAt, receivedNanos, null, refusal);
    }
}
