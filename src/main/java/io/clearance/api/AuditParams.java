package io.clearance.api;

import io.clearance.audit.AuditCursor;
import io.clearance.audit.AuditQuery;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Set;

/** Reads the query parameters of the audit endpoints and pages; a bad one is a 400 with a stable code. */
final class AuditParams {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final Set<String> OUTCOMES = Set.of("PERMIT", "REVIEW", "DENY", "REJECTED");

    private AuditParams() {}

    static AuditQuery query(
            String partyId, String action, String decision, String rule, String policyVersion, String from, String to) {
        String outcome = blankToNull(decision);
        if (outcome != null && !OUTCOMES.contains(outcome)) {
            throw ProblemException.badRequest(
                    "invalid-decision",
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
            throw ProblemException.badRequest(
                    "invalid-time",
                    "`" + name + "` must be an ISO-8601 instant such as `2026-11-28T06:58:57Z`, not `" + value + "`");
        }
    }

    static void range(Instant from, Instant to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw ProblemException.badRequest("invalid-range", "`from` is after `to`");
        }
    }

    static AuditCursor cursor(String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        return AuditCursor.decode(value)
                .orElseThrow(() -> ProblemException.badRequest(
                        "invalid-cursor", "cursor `" + value + "` is not one this server gave out"));
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
            throw ProblemException.badRequest(
                    "invalid-limit", "`limit` must be a whole number between 1 and " + MAX_LIMIT);
        }
        return value;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
