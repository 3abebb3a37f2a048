package io.clearance.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a page of search results ended: the (time, chain, seq) of its last record, opaque to clients. The next
 * page starts strictly after it in the search order (newest first), so pages never overlap or skip when
 * records are added meanwhile. The chain is part of it because instances write chains of their own: two records
 * of one instant may hold the same seq in two chains.
 */
public record AuditCursor(Instant decidedAt, String chainId, long seq) {

    /** Where a record stands in the search order. */
    public static AuditCursor of(AuditRecord r) {
        return new AuditCursor(r.decidedAt(), r.chainId(), r.seq());
    }

    public String encode() {
        // The chain id last: it may hold dots, the numbers never do.
        String plain = ChronoUnit.MICROS.between(Instant.EPOCH, decidedAt) + "." + seq + "." + chainId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor a client sent back, or empty when it is not one of ours. */
    public static Optional<AuditCursor> decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            String[] parts = plain.split("\\.", 3);
            if (parts.length != 3 || parts[2].isEmpty()) {
                return Optional.empty();
            }
            long micros = Long.parseLong(parts[0]);
            long seq = Long.parseLong(parts[1]);
            return Optional.of(new AuditCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), parts[2], seq));
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
