package io.clearance.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The hash of a record in the chain: SHA-256 over the previous record's hash and every stored field of the
 * record, each length-prefixed so that no two different records encode alike.
 */
public final class ChainHash {

    /** The previous hash of the first record. */
    public static final String GENESIS = "0".repeat(64);

    private ChainHash() {}

    public static String of(AuditRecord r) {
        StringBuilder canonical = new StringBuilder(512 + r.answerJson().length());
        field(canonical, r.prevHash());
        field(canonical, Long.toString(r.seq()));
        field(canonical, r.decisionId());
        // invariant: decidedAt is stored to the microsecond (both databases keep micros), so hash micros
        field(canonical, Long.toString(ChronoUnit.MICROS.between(java.time.Instant.EPOCH, r.decidedAt())));
        field(canonical, r.subjectId());
        field(canonical, r.action());
        field(canonical, r.onBehalfOfId());
        field(canonical, r.requestJson());
        field(canonical, r.outcome());
        field(canonical, r.errorCode());
        field(canonical, Integer.toString(r.httpStatus()));
        field(canonical, r.policyVersion());
        field(
                canonical,
                r.registryVersion() == null ? null : r.registryVersion().toString());
        field(canonical, Long.toString(r.latencyMicros()));
        field(canonical, r.answerJson());
        return sha256(canonical.toString());
    }

    /**
     * SHA-256 over {@code fields}, each length-prefixed as in {@link #of}: the hash of a record in another
     * chain kept the same way (the change log, {@code io.clearance.audit.changes}).
     */
    public static String ofFields(String... fields) {
        StringBuilder canonical = new StringBuilder(256);
        for (String value : fields) {
            field(canonical, value);
        }
        return sha256(canonical.toString());
    }

    private static void field(StringBuilder out, String value) {
        if (value == null) {
            out.append("-1:");
        } else {
            out.append(value.length()).append(':').append(value);
        }
        out.append('\n');
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
