package io.clearance.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The hash of a keyed-chain record (format 2, see {@code docs/audit-format.md}): SHA-256 over a tag and every
 * field of the compact record, each as {@code <UTF-8 byte length>:<bytes>\n} ({@code -1:\n} for null), the
 * previous hash first. The answer enters through its evidence hash. The record's mac is HMAC-SHA256 over
 * {@link #macInput}: a rewrite that recomputes every SHA-256 still needs the key.
 */
public final class RecordHash {

    static final String TAG = "clearance-audit-record-v2";

    private RecordHash() {}

    public static String of(AuditRecord r) {
        ByteArrayOutputStream out =
                new ByteArrayOutputStream(512 + r.requestJson().length());
        field(out, TAG);
        field(out, r.prevHash());
        field(out, r.chainId());
        field(out, Long.toString(r.seq()));
        field(out, r.decisionId());
        field(out, Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, r.decidedAt())));
        field(out, r.decidedAtText());
        field(out, r.caller());
        field(out, r.subjectId());
        field(out, r.action());
        field(out, r.onBehalfOfId());
        field(out, r.requestJson());
        field(out, r.outcome());
        field(out, r.errorCode());
        field(out, Integer.toString(r.httpStatus()));
        field(out, r.policyVersion());
        field(out, r.registryVersion() == null ? null : r.registryVersion().toString());
        field(out, Long.toString(r.latencyMicros()));
        field(out, r.evidenceHash());
        return sha256(out.toByteArray());
    }

    /** What the record's mac covers: its chain, its place and its hash (which covers everything else). */
    public static String macInput(String chainId, long seq, String hash) {
        return TAG + "\n" + chainId + "\n" + seq + "\n" + hash;
    }

    private static void field(ByteArrayOutputStream out, String value) {
        if (value == null) {
            out.writeBytes("-1:\n".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
        out.write('\n');
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
