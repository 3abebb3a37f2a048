package io.clearance.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.audit.AuditRecord;
import io.clearance.audit.RecordView;

/**
 * A logged decision whole, as {@code GET /v1/audit/decisions/{id}} answers it: the fields of its
 * {@link AuditDecisionSummary summary} (unwrapped, first), then the request and answer as they were, and
 * the chain hashes that cover them.
 *
 * @param request the request body as received (a string when it was not JSON)
 * @param answer the answer body as sent
 */
public record AuditDecisionDetail(
        @JsonUnwrapped AuditDecisionSummary summary,
        int httpStatus,
        Long registryVersion,
        long latencyMicros,
        JsonNode request,
        JsonNode answer,
        String prevHash,
        String hash) {

    static AuditDecisionDetail of(AuditRecord r, ObjectMapper json) {
        return new AuditDecisionDetail(
                AuditDecisionSummary.of(r, json),
                r.httpStatus(),
                r.registryVersion(),
                r.latencyMicros(),
                RecordView.parse(r.requestJson(), json),
                RecordView.parse(r.answerJson(), json),
                r.prevHash(),
                r.hash());
    }
}
