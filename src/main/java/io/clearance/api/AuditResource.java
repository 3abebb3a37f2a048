package io.clearance.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.audit.AuditExporter;
import io.clearance.audit.AuditRecord;
import io.clearance.audit.AuditRepository;
import io.clearance.audit.AuditSearch;
import io.clearance.audit.ChainReport;
import io.clearance.audit.ChainVerifier;
import io.clearance.audit.DecisionReplay;
import io.clearance.audit.RecordView;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit trail over HTTP: a decision whole, search with cursor paging, streaming export, chain
 * verification and replay. Open to the {@code auditor}
 * role (and {@code admin}) by the path rules in {@code application.properties}.
 */
@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditRepository repository;
    private final AuditSearch search;
    private final AuditExporter exporter;
    private final ChainVerifier verifier;
    private final DecisionReplay replay;
    private final ObjectMapper json;

    AuditResource(
            AuditRepository repository,
            AuditSearch search,
            AuditExporter exporter,
            ChainVerifier verifier,
            DecisionReplay replay,
            ObjectMapper json) {
        this.repository = repository;
        this.search = search;
        this.exporter = exporter;
        this.verifier = verifier;
        this.replay = replay;
        this.json = json;
    }

    @GET
    @Path("/decisions/{decisionId}")
    public Map<String, Object> decision(@PathParam("decisionId") String decisionId) {
        return RecordView.whole(record(decisionId), json);
    }

    @GET
    @Path("/decisions")
    public Map<String, Object> search(@BeanParam AuditFilters filters) {
        AuditSearch.Page page = search.page(filters.query(), filters.cursor(), filters.limit());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(
                "decisions",
                page.records().stream().map(r -> RecordView.summary(r, json)).toList());
        answer.put("nextCursor", page.nextCursor());
        return answer;
    }

    /** Streams every record of the range, oldest first, without holding the range in memory. */
    @GET
    @Path("/decisions/export")
    @Produces({"application/x-ndjson", "text/csv", MediaType.APPLICATION_JSON})
    public Response export(
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("format") String format) {
        Instant start = AuditParams.time("from", from);
        Instant end = AuditParams.time("to", to);
        AuditParams.range(start, end);
        String name = format == null ? "jsonl" : format;
        AuditExporter.Format chosen = AuditExporter.Format.parse(name)
                .orElseThrow(() -> ProblemException.badRequest(
                        "invalid-format", "format `" + name + "` is not one of `jsonl`, `csv`"));
        StreamingOutput body = out -> exporter.export(start, end, chosen, out);
        return Response.ok(body, chosen.mediaType())
                .header("Content-Disposition", "attachment; filename=\"clearance-audit." + name + "\"")
                .build();
    }

    @GET
    @Path("/verify")
    public ChainReport verify(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant start = AuditParams.time("from", from);
        Instant end = AuditParams.time("to", to);
        AuditParams.range(start, end);
        return verifier.verify(start, end);
    }

    @POST
    @Path("/decisions/{decisionId}/replay")
    public Map<String, Object> replay(@PathParam("decisionId") String decisionId) {
        AuditRecord record = record(decisionId);
        return replay.replay(record)
                .orElseThrow(() -> new ProblemException(
                        409,
                        "not-replayable",
                        "Not replayable",
                        "decision `" + decisionId + "` was refused before the rules ran (" + record.errorCode()
                                + "); there is nothing to replay"));
    }

    private AuditRecord record(String decisionId) {
        return repository
                .find(decisionId)
                .orElseThrow(() -> new ProblemException(
                        404, "unknown-decision", "Not found", "no decision `" + decisionId + "` in the audit log"));
    }
}
