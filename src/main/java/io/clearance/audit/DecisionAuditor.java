package io.clearance.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.decision.Decision;
import io.clearance.decision.DecisionAnswer;
import io.clearance.decision.Reason;
import io.clearance.problem.Refusal;
import io.clearance.security.CurrentActor;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Turns what the decision endpoint answered into audit entries and waits until they are logged: a
 * decision with its reasons and evidence, or a rejected request with its problem code. Only the fields of
 * the request are kept, never its headers, so no credential reaches the log.
 */
@ApplicationScoped
public class DecisionAuditor {

    /** The response header carrying the decision id of a rejected request (its body is a problem). */
    public static final String DECISION_ID_HEADER = "Clearance-Decision-Id";

    private final AuditLog log;
    private final ObjectMapper json;
    private final CurrentActor actor;

    DecisionAuditor(AuditLog log, ObjectMapper json, CurrentActor actor) {
        this.log = log;
        this.json = json;
        this.actor = actor;
    }

    /**
     * Logs a decision that is about to be answered, with the JSON it is answered with; returns once it is
     * durable. What a gateway's request
     * said beyond the decision's own fields is kept in the logged request under {@code gateway}.
     */
    public void decided(ReceivedDecisionRequest received, DecisionAnswer answer) {
        Decision decision = answer.decision();
        String caller = actor.get().id();
        LoggedRequest request = new LoggedRequest(
                LoggedRequest.PartyRef.of(decision.subject()),
                decision.action(),
                LoggedRequest.PartyRef.of(decision.onBehalfOf()),
                received.receivedAt().toString(),
                caller,
                decision.at() == null ? null : decision.at().toString(),
                received.gateway());
        log.append(new AuditEntry(
                decision.decisionId(),
                decision.decidedAt(),
                decision.subject(),
                decision.action(),
                decision.onBehalfOf(),
                write(request),
                decision.decision().name(),
                null,
                200,
                decision.policyVersion(),
                decision.registryVersion(),
                latencyMicros(received),
                // The bytes the client receives, serialised once (a memo hit's are its template filled in).
                answer.jsonText(),
                decision.reasons().stream().map(Reason::rule).toList(),
                caller,
                answer.evidenceHash()));
    }

    /**
     * Logs a request that was refused, or that Clearance failed to decide; returns its decision id once
     * durable. The fields are logged as received, any of them {@code null} (all when the body could not be
     * read).
     */
    public String rejected(ReceivedDecisionRequest received, Refusal refusal) {
        String decisionId = UUID.randomUUID().toString();
        String caller = actor.get().id();
        LoggedRequest request = new LoggedRequest(
                LoggedRequest.PartyRef.of(received.subjectId()),
                received.action(),
                LoggedRequest.PartyRef.of(received.onBehalfOfId()),
                received.receivedAt().toString(),
                caller,
                null,
                received.gateway());
        int status = refusal.code().status();
        String code = refusal.code().code();
        LoggedRequest.Rejection answer = new LoggedRequest.Rejection(decisionId, status, code, refusal.detail());
        log.append(new AuditEntry(
                decisionId,
                Instant.now(),
                column(received.subjectId(), 128),
                column(received.action(), 64),
                column(received.onBehalfOfId(), 128),
                write(request),
                "REJECTED",
                code,
                status,
                null,
                null,
                latencyMicros(received),
                write(answer),
                List.of(),
                caller,
                null));
        return decisionId;
    }

    private static long latencyMicros(ReceivedDecisionRequest received) {
        return (System.nanoTime() - received.receivedNanos()) / 1000;
    }

    // Searchable columns hold what fits; the request JSON keeps every character as received.
    private static String column(String value, int max) {
        return value == null || value.length() > max ? null : value;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a decision always serialises", e);
        }
    }
}
