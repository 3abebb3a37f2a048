package io.clearance.audit;

import io.clearance.decision.KeptHash;
import java.time.Instant;
import java.util.List;

/**
 * A decision or a rejected request, as it will be logged, before the log gives it a place in the chain.
 *
 * @param outcome {@code PERMIT}, {@code REVIEW}, {@code DENY} or {@code REJECTED}
 * @param errorCode the problem's code, for a rejected request
 * @param requestJson the request's fields as received, never its headers
 * @param answerJson the answer as the client received it
 * @param rules the names of the deciding rules, for search
 * @param caller who asked ({@code key:<id>}, {@code jwt:<subject>}, {@code local}); also in {@code requestJson},
 *     which the chain covers; {@code null} when unknown
 * @param evidenceHash where the memo entry that answered keeps the hash of its stored text; {@code null}: hash it
 */
public record AuditEntry(
        String decisionId,
        Instant decidedAt,
        String subjectId,
        String action,
        String onBehalfOfId,
        String requestJson,
        String outcome,
        String errorCode,
        int httpStatus,
        String policyVersion,
        Long registryVersion,
        long latencyMicros,
        String answerJson,
        List<String> rules,
        String caller,
        KeptHash evidenceHash) {

    /** An entry whose caller is not known. */
    public AuditEntry(
            String decisionId,
            Instant decidedAt,
            String subjectId,
            String action,
            String onBehalfOfId,
            String requestJson,
            String outcome,
            String errorCode,
            int httpStatus,
            String policyVersion,
            Long registryVersion,
            long latencyMicros,
            String answerJson,
            List<String> rules) {
        this(
                decisionId,
                decidedAt,
                subjectId,
                action,
                onBehalfOfId,
                requestJson,
                outcome,
                errorCode,
                httpStatus,
                policyVersion,
                registryVersion,
                latencyMicros,
                answerJson,
                rules,
                null,
                null);
    }
}
