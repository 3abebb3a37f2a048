package io.clearance.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.audit.AuditRecord;
import io.clearance.audit.RecordView;
import java.util.List;

/**
 * A logged decision as a search result lists it: who asked for what, the outcome and the deciding rules.
 *
 * @param decision {@code PERMIT}, {@code REVIEW}, {@code DENY}, or {@code REJECTED} for a refused request
 * @param errorCode the problem code of a refused request
 */
public record AuditDecisionSummary(
        long seq,
        String decisionId,
        String decidedAt,
        String subject,
        String action,
        String onBehalfOf,
        String decision,
        String errorCode,
        String policyVersion,
        List<String> rules) {

    static AuditDecisionSummary of(AuditRecord r, ObjectMapper json) {
        return new AuditDecisionSummary(
                r.seq(),
                r.decisionId(),
                r.decidedAt().toString(),
                r.subjectId(),
                r.action(),
                r.onBehalfOfId(),
                r.outcome(),
                r.errorCode(),
                r.policyVersion(),
                RecordView.rules(r, json));
    }
}
