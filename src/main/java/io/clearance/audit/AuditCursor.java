package io.clearance.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a page of search results ended: the (time, seq) of its last record, opaque to clients. The next
 * page starts strictly after it in the search order (newest first), so pages never overlap or skip when
 * records are added meanwhile.
 */
public record AuditCursor(Instant decidedAt, long seq) {

    public String encode() {
        String plain = ChronoUnit.MICROS.between(Instant.EPOCH, decidedAt) + "." + seq;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor a client sent back, or empty when it is not one of ours. */
    public static Optional<AuditCursor> decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            int dot = plain.indexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            long micros = Long.parseLong(plain.substring(0, dot));
            long seq = Long.parseLong(plain.substring(dot + 1));
            return Optional.of(new AuditCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), seq));
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
