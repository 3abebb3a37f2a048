package io.clearance.api;

import io.clearance.audit.AuditCursor;
import io.clearance.audit.AuditQuery;
import io.clearance.audit.ChainReport;
import io.clearance.problem.ErrorCode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the query parameters of the audit endpoints and pages; a bad one is a 400 with a stable code. */
final class AuditParams {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Set<String> OUTCOMES = Set.of("PERMIT", "REVIEW", "DENY", "REJECTED");

    private AuditParams() {}

    static AuditQuery query(
            String partyId, String action, String decision, String rule, String policyVersion, String from, String to) {
        String outcome = blankToNull(decision);
        if (outcome != null && !OUTCOMES.contains(outcome)) {
            throw new ProblemException(
                    ErrorCode.INVALID_DECISION,
                    "decision `" + decision + "` is not one of `PERMIT`, `REVIEW`, `DENY`, `REJECTED`");
        }
        Instant start = time("from", from);
        Instant end = time("to", to);
        range(start, end);
        return new AuditQuery(
                blankToNull(partyId),
                blankToNull(action),
                outcome,
                blankToNull(rule),
                blankToNull(policyVersion),
                start,
                end);
    }

    /** An instant ({@code 2026-11-28T06:58:57Z}) or a day ({@code 2026-11-28}, its start in UTC); blank is none. */
    static Instant time(String name, String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return value.length() == 10
                    ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ProblemException(
                    ErrorCode.INVALID_TIME,
                    "`" + name + "` must be an ISO-8601 instant such as `2026-11-28T06:58:57Z`, not `" + value + "`");
        }
    }

    /** The head a caller expects the chain to reach: both {@code headSeq} and {@code headHash}, or neither. */
    static ChainReport.ExpectedHead head(String seq, String hash) {
        if (blankToNull(seq) == null && blankToNull(hash) == null) {
            return null;
        }
        if (blankToNull(seq) == null
                || blankToNull(hash) == null
                || !HEX64.matcher(hash).matches()) {
            throw new ProblemException(
                    ErrorCode.INVALID_HEAD, "`headSeq` and `headHash` (64 lowercase hex digits) go together");
        }
        try {
            long value = Long.parseLong(seq);
            if (value < 1) {
                throw new NumberFormatException();
            }
            return new ChainReport.ExpectedHead(value, hash, "request");
        } catch (NumberFormatException e) {
            throw new ProblemException(
                    ErrorCode.INVALID_HEAD,
                    "`headSeq` must be a record number from 1, not `" + seq.substring(0, Math.min(seq.length(), 40))
                            + "`");
        }
    }

    static void range(Instant from, Instant to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new ProblemException(ErrorCode.INVALID_RANGE, "`from` is after `to`");
        }
    }

    static AuditCursor cursor(String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        return AuditCursor.decode(value)
                .orElseThrow(() -> new ProblemException(
                        ErrorCode.INVALID_CURSOR, "cursor `" + value + "` is not one this server gave out"));
    }

    static int limit(String text) {
        if (blankToNull(text) == null) {
            return DEFAULT_LIMIT;
        }
        int value;
        try {
            value = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < 1 || value > MAX_LIMIT) {
            throw new ProblemException(
                    ErrorCode.INVALID_LIMIT, "`limit` must be a whole number between 1 and " + MAX_LIMIT);
        }
        return value;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
