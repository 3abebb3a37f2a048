package io.clearance.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A record of the audit log as stored: the entry, its place in the chain ({@code seq}), the hash of the
 * record before it and its own hash, which covers its content and that previous hash.
 */
public record AuditRecord(
        long seq,
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
        String prevHash,
        String hash) {

    /** Places an entry after {@code prevHash}; the time is kept to the microsecond, as both databases store it. */
    static AuditRecord chain(long seq, AuditEntry e, String prevHash) {
        AuditRecord unhashed = new AuditRecord(
                seq,
                e.decisionId(),
                e.decidedAt().truncatedTo(ChronoUnit.MICROS),
                e.subjectId(),
                e.action(),
                e.onBehalfOfId(),
                e.requestJson(),
                e.outcome(),
                e.errorCode(),
                e.httpStatus(),
                e.policyVersion(),
                e.registryVersion(),
                e.latencyMicros(),
                e.answerJson(),
                prevHash,
                null);
        return unhashed.withHash(ChainHash.of(unhashed));
    }

    AuditRecord withHash(String newHash) {
        return new AuditRecord(
                seq,
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
                prevHash,
                newHash);
    }
}
