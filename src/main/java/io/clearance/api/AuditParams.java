package io.clearance.api;

import io.clearance.audit.AuditCursor;
import io.clearance.audit.ChainReport;
import io.clearance.problem.ErrorCode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the query parameters of the audit endpoints and pages, one parameter at a time; a bad one is a 400 with a
 * stable code. {@link AuditFilters} puts the search filters together into an {@link io.clearance.audit.AuditQuery}.
 */
final class AuditParams {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    // Clause numbers of policies/policy.md (`3.3`, `4.1a`): letters, digits and dots, nothing a LIKE reads as a
    // wildcard.
    private static final Pattern CLAUSE = Pattern.compile("[0-9A-Za-z]+(\\.[0-9A-Za-z]+)*");
    private static final Set<String> OUTCOMES = Set.of("PERMIT", "REVIEW", "DENY", "REJECTED");

    private AuditParams() {}

    /** A decision outcome to filter by, or null; one of {@code PERMIT}, {@code REVIEW}, {@code DENY}, {@code REJECTED}. */
    static String outcome(String decision) {
        String outcome = blankToNull(decision);
        if (outcome != null && !OUTCOMES.contains(outcome)) {
            throw new ProblemException(
                    ErrorCode.INVALID_DECISION,
                    "decision `" + decision + "` is not one of `PERMIT`, `REVIEW`, `DENY`, `REJECTED`");
        }
        return outcome;
    }

    /** A clause number of the written policy to filter by, or null. */
    static String clause(String clause) {
        String cited = blankToNull(clause);
        if (cited != null && !CLAUSE.matcher(cited).matches()) {
            throw new ProblemException(
                    ErrorCode.INVALID_CLAUSE,
                    "clause `" + cited.substring(0, Math.min(cited.length(), 40))
                            + "` is not a clause number of the written policy, such as `3.3`");
        }
        return cited;
    }

    /** The inclusive start of a range: an instant as given, a day ({@code 2026-11-28}) from its first moment (UTC). */
    static Instant start(String name, String value) {
        LocalDate day = day(name, value);
        return day == null ? instant(name, value) : day.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /**
     * The inclusive end of a range: an instant as given, a day up to its last moment, as people read
     * {@code to=2026-12-02}. The store keeps microseconds, so the day's last microsecond is its last moment.
     */
    static Instant end(String name, String value) {
        LocalDate day = day(name, value);
        return day == null
                ? instant(name, value)
                : day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minus(1, ChronoUnit.MICROS);
    }

    private static LocalDate day(String name, String value) {
        if (blankToNull(value) == null || value.length() != 10) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw badTime(name, value);
        }
    }

    private static Instant instant(String name, String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw badTime(name, value);
        }
    }

    private static ProblemException badTime(String name, String value) {
        return new ProblemException(
                ErrorCode.INVALID_TIME,
                "`" + name + "` must be a date such as `2026-11-28` (a whole day, UTC) or an instant such as"
                        + " `2026-11-28T06:58:57Z`, not `" + value.substring(0, Math.min(value.length(), 40)) + "`");
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
