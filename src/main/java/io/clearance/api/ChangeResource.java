package io.clearance.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.audit.RecordView;
import io.clearance.audit.changes.ChangeQuery;
import io.clearance.audit.changes.ChangeRecord;
import io.clearance.audit.changes.ChangeRepository;
import io.clearance.problem.ErrorCode;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/**
 * The change log over HTTP, for auditors: who changed the registry, the policy or the keys, when, and the
 * state before and after; newest first, with a cursor to page on; and the verification of its chain.
 */
@Path("/v1/audit/changes")
@Produces(MediaType.APPLICATION_JSON)
public class ChangeResource {

    private final ChangeRepository changes;
    private final ObjectMapper json;

    ChangeResource(ChangeRepository changes, ObjectMapper json) {
        this.changes = changes;
        this.json = json;
    }

    @GET
    public ChangePage search(
            @QueryParam("actor") String actor,
            @QueryParam("action") String action,
            @QueryParam("target") String target,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        Instant start = AuditParams.start("from", from);
        Instant end = AuditParams.end("to", to);
        AuditParams.range(start, end);
        if (limit < 1 || limit > AuditParams.MAX_LIMIT) {
            throw new ProblemException(
                    ErrorCode.INVALID_LIMIT,
                    "`limit` must be between 1 and " + AuditParams.MAX_LIMIT + ", not " + limit);
        }
        Long before = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                before = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw new ProblemException(ErrorCode.INVALID_CURSOR, "`cursor` must be a `nextCursor` from a page");
            }
        }
        ChangeQuery query = new ChangeQuery(blank(actor), blank(action), blank(target), start, end);
        List<ChangeRecord> page = changes.search(query, before, limit + 1);
        boolean more = page.size() > limit;
        List<ChangeRecord> shown = more ? page.subList(0, limit) : page;
        return new ChangePage(
                shown.stream().map(this::view).toList(),
                more ? Long.toString(shown.get(shown.size() - 1).seq()) : null);
    }

    @GET
    @Path("/verify")
    public ChangeRepository.Verification verify() {
        return changes.verify();
    }

    private ChangePage.Change view(ChangeRecord r) {
        return new ChangePage.Change(
                r.seq(),
                r.changeId(),
                r.changedAt().toString(),
                r.actor(),
                r.actorKind(),
                r.action(),
                r.target(),
                r.beforeJson() == null ? null : RecordView.parse(r.beforeJson(), json),
                r.afterJson() == null ? null : RecordView.parse(r.afterJson(), json),
                r.prevHash(),
                r.hash());
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
