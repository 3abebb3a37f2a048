package io.clearance.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.audit.AuditRecord;
import io.clearance.audit.RecordView;
import java.util.List;

/**
 * A logged decision whole, as {@code GET /v1/audit/decisions/{id}} answers it: the summary fields, then the
 * request and answer as they were, and the chain hashes that cover them.
 *
 * @param request the request body as received (a string when it was not JSON)
 * @param answer the answer body as sent
 */
public record AuditDecisionDetail(
        long seq,
        String decisionId,
        String decidedAt,
        String subject,
        String action,
        String onBehalfOf,
        String decision,
        String errorCode,
        String policyVersion,
        List<String> rules,
        int httpStatus,
        Long registryVersion,
        long latencyMicros,
        JsonNode request,
        JsonNode answer,
        String prevHash,
        String hash) {

    static AuditDecisionDetail of(AuditRecord r, ObjectMapper json) {
        AuditDecisionSummary s = AuditDecisionSummary.of(r, json);
        return new AuditDecisionDetail(
                s.seq(),
                s.decisionId(),
                s.decidedAt(),
                s.subject(),
                s.action(),
                s.onBehalfOf(),
                s.decision(),
                s.errorCode(),
                s.policyVersion(),
                s.rules(),
                r.httpStatus(),
                r.registryVersion(),
                r.latencyMicros(),
                RecordView.parse(r.requestJson(), json),
                RecordView.parse(r.answerJson(), json),
                r.prevHash(),
                r.hash());
    }
}
