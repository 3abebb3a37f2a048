package io.clearance.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A record of the audit log: the entry, its chain and place in it ({@code chainId}, {@code seq}), the hash of
 * the record before it, its own hash (over its content and that previous hash, see {@link RecordHash}) and
 * the keyed {@code mac} of that hash. {@code evidenceHash} names the stored answer with its evidence
 * ({@link Evidence}); records of the {@value #LEGACY_CHAIN} chain, written before the journal, have no
 * evidence hash and no mac, and are hashed by {@link ChainHash}.
 *
 * @param decidedAtText the decision time exactly as the answer gave it (to the nanosecond; the database keeps
 *     {@code decidedAt} to the microsecond)
 * @param caller who asked (the calling key or principal), {@code null} while Clearance has no authentication
 */
public record AuditRecord(
        String chainId,
        long seq,
        String decisionId,
        Instant decidedAt,
        String decidedAtText,
        String caller,
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
        String evidenceHash,
        String prevHash,
        String hash,
        String mac) {

    /** The chain of the records written before V25: SHA-256 only, no key. */
    public static final String LEGACY_CHAIN = "legacy";

    /** Places an entry after {@code prevHash} in a keyed chain; the time is kept to the microsecond. */
    static AuditRecord chain(String chainId, long seq, AuditEntry e, String prevHash, ChainKeys keys) {
        Instant decidedAt = e.decidedAt().truncatedTo(ChronoUnit.MICROS);
        String decidedAtText = e.decidedAt().toString();
        String evidence = Evidence.template(e.answerJson(), e.decisionId(), decidedAtText);
        AuditRecord unhashed = new AuditRecord(
                chainId,
                seq,
                e.decisionId(),
                decidedAt,
                decidedAtText,
                e.caller(),
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
                e.evidenceHash() == null
                        ? Evidence.hash(evidence)
                        : e.evidenceHash().of(evidence, Evidence::hash),
                prevHash,
                null,
                null);
        String hash = RecordHash.of(unhashed);
        return unhashed.withHashes(hash, keys.mac(RecordHash.macInput(chainId, seq, hash)));
    }

    public boolean legacy() {
        return evidenceHash == null;
    }

    AuditRecord withHashes(String newHash, String newMac) {
        return new AuditRecord(
                chainId,
                seq,
                decisionId,
                decidedAt,
                decidedAtText,
                caller,
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
                evidenceHash,
                prevHash,
                newHash,
                newMac);
    }
}
