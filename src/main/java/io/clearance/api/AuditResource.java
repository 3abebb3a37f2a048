package io.clearance.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.audit.AuditExporter;
import io.clearance.audit.AuditLog;
import io.clearance.audit.AuditQuery;
import io.clearance.audit.AuditRecord;
import io.clearance.audit.AuditRepository;
import io.clearance.audit.AuditSearch;
import io.clearance.audit.AuditVerification;
import io.clearance.audit.ChainReport;
import io.clearance.audit.ChainVerifier;
import io.clearance.audit.DecisionReplay;
import io.clearance.audit.ReplayAnswer;
import io.clearance.problem.ErrorCode;
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
    private final AuditLog log;

    AuditResource(
            AuditRepository repository,
            AuditSearch search,
            AuditExporter exporter,
            ChainVerifier verifier,
            DecisionReplay replay,
            ObjectMapper json,
            AuditLog log) {
        this.log = log;
        this.repository = repository;
        this.search = search;
        this.exporter = exporter;
        this.verifier = verifier;
        this.replay = replay;
        this.json = json;
    }

    @GET
    @Path("/decisions/{decisionId}")
    public AuditDecisionDetail decision(@PathParam("decisionId") String decisionId) {
        return AuditDecisionDetail.of(record(decisionId), json);
    }

    @GET
    @Path("/decisions")
    public AuditDecisionPage search(@BeanParam AuditFilters filters) {
        AuditSearch.Page page = search.page(filters.query(), filters.cursor(), filters.limit());
        return new AuditDecisionPage(
                page.records().stream()
                        .map(r -> AuditDecisionSummary.of(r, json))
                        .toList(),
                page.nextCursor());
    }

    /**
     * Streams every record the filters match (the same filters as search: one {@link AuditFilters} query),
     * oldest first, without holding them in memory.
     */
    @GET
    @Path("/decisions/export")
    @Produces({"application/x-ndjson", "text/csv", MediaType.APPLICATION_JSON})
    public Response export(@BeanParam AuditFilters filters, @QueryParam("format") String format) {
        AuditQuery query = filters.query();
        String name = format == null ? "jsonl" : format;
        AuditExporter.Format chosen = AuditExporter.Format.parse(name)
                .orElseThrow(() -> new ProblemException(
                        ErrorCode.INVALID_FORMAT, "format `" + name + "` is not one of `jsonl`, `csv`"));
        log.awaitShipped();
        StreamingOutput body = out -> exporter.export(query, chosen, out);
        return Response.ok(body, chosen.mediaType())
                .header("Content-Disposition", "attachment; filename=\"clearance-audit." + name + "\"")
                .build();
    }

    /**
     * Verifies every chain in the database (one per instance), or the one {@code chain} names; a head given by
     * {@code headSeq} and {@code headHash} is of that chain, or of this instance's chain when none is named.
     */
    @GET
    @Path("/verify")
    public AuditVerification verify(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("chain") String chain,
            @QueryParam("headSeq") String headSeq,
            @QueryParam("headHash") String headHash) {
        Instant start = AuditParams.start("from", from);
        Instant end = AuditParams.end("to", to);
        AuditParams.range(start, end);
        ChainReport.ExpectedHead head = AuditParams.head(headSeq, headHash);
        return verifier.verifyAll(chain, start, end, head);
    }

    @POST
    @Path("/decisions/{decisionId}/replay")
    public ReplayAnswer replay(@PathParam("decisionId") String decisionId) {
        AuditRecord record = record(decisionId);
        return replay.replay(record)
                .orElseThrow(() -> new ProblemException(
                        ErrorCode.NOT_REPLAYABLE,
                        "decision `" + decisionId + "` was refused before the rules ran (" + record.errorCode()
                                + "); there is nothing to replay"));
    }

    private AuditRecord record(String decisionId) {
        return search.find(decisionId)
                .orElseThrow(() -> new ProblemException(
                        ErrorCode.UNKNOWN_DECISION,
                        // Any instance's shipped record is found here; one only in another's journal is not yet.
                        "no decision `" + decisionId + "` in the audit log of any instance (one answered by another"
                                + " instance is found once that instance has shipped it, normally within"
                                + " milliseconds)"));
    }
}
