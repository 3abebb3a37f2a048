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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    public Map<String, Object> search(
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
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("changes", shown.stream().map(this::view).toList());
        answer.put(
                "nextCursor", more ? Long.toString(shown.get(shown.size() - 1).seq()) : null);
        return answer;
    }

    @GET
    @Path("/verify")
    public ChangeRepository.Verification verify() {
        return changes.verify();
    }

    private Map<String, Object> view(ChangeRecord r) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("seq", r.seq());
        view.put("changeId", r.changeId());
        view.put("at", r.changedAt().toString());
        view.put("actor", r.actor());
        view.put("actorKind", r.actorKind());
        view.put("action", r.action());
        view.put("target", r.target());
        view.put("before", r.beforeJson() == null ? null : RecordView.parse(r.beforeJson(), json));
        view.put("after", r.afterJson() == null ? null : RecordView.parse(r.afterJson(), json));
        view.put("prevHash", r.prevHash());
        view.put("hash", r.hash());
        return view;
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
