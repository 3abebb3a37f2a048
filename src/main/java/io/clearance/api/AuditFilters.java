package io.clearance.api;

import io.clearance.audit.AuditCursor;
import io.clearance.audit.AuditQuery;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The search filters of the audit API, its export and the auditor's list page, read once from the query string
 * into one {@link AuditQuery}; a bad one is a 400 with a stable code (see {@link AuditParams}).
 */
public class AuditFilters {

    @QueryParam("partyId")
    String partyId;

    @QueryParam("action")
    String action;

    @QueryParam("decision")
    String decision;

    @QueryParam("rule")
    String rule;

    @QueryParam("clause")
    String clause;

    @QueryParam("caller")
    String caller;

    @QueryParam("policyVersion")
    String policyVersion;

    @QueryParam("from")
    String from;

    @QueryParam("to")
    String to;

    @QueryParam("cursor")
    String cursor;

    // Read as text: a number that does not parse is the client's `invalid-limit`, not the framework's 404.
    @QueryParam("limit")
    String limit;

    /** The filters as one query: decision, clause, then the range are checked, and the first bad one answers. */
    AuditQuery query() {
        String outcome = AuditParams.outcome(decision);
        String cited = AuditParams.clause(clause);
        Instant start = AuditParams.start("from", from);
        Instant end = AuditParams.end("to", to);
        AuditParams.range(start, end);
        return new AuditQuery(
                AuditParams.blankToNull(partyId),
                AuditParams.blankToNull(action),
                outcome,
                AuditParams.blankToNull(rule),
                cited,
                AuditParams.blankToNull(caller),
                AuditParams.blankToNull(policyVersion),
                start,
                end);
    }

    AuditCursor cursor() {
        return AuditParams.cursor(cursor);
    }

    /** A cursor was given: this is not the first page. */
    boolean continued() {
        return cursor != null && !cursor.isBlank();
    }

    int limit() {
        return AuditParams.limit(limit);
    }

    /** The filters as given, blanks for absent ones: what the list page echoes into its form. */
    Map<String, String> asGiven() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("partyId", orEmpty(partyId));
        given.put("action", orEmpty(action));
        given.put("decision", orEmpty(decision));
        given.put("rule", orEmpty(rule));
        given.put("clause", orEmpty(clause));
        given.put("caller", orEmpty(caller));
        given.put("policyVersion", orEmpty(policyVersion));
        given.put("from", orEmpty(from));
        given.put("to", orEmpty(to));
        return given;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
