package io.clearance.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clearance.audit.AuditQuery;
import io.clearance.audit.AuditRecord;
import io.clearance.audit.AuditRepository;
import io.clearance.audit.AuditSearch;
import io.clearance.audit.AuditVerification;
import io.clearance.audit.ChainReport;
import io.clearance.audit.ChainVerifier;
import io.clearance.audit.OwnershipPicture;
import io.clearance.audit.RecordView;
import io.clearance.engine.PolicyEngine;
import io.clearance.engine.PolicyStore;
import io.clearance.engine.RuleInfo;
import io.clearance.engine.RuleSet;
import io.clearance.policy.Clause;
import io.clearance.policy.PolicyDocument;
import io.clearance.problem.ErrorCode;
import io.clearance.release.Activation;
import io.clearance.release.ReleaseHistory;
import io.clearance.release.RuleSetDiff;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The auditor's pages, rendered on the server with Qute: the searchable list of decisions with export links
 * for its filters, one decision with its deciding rules, clauses and ownership picture, the chain's
 * verification, and the serving policy with its load history.
 * Everything a page shows comes from this application; it loads nothing from elsewhere.
 */
@Path("/audit")
@Produces(MediaType.TEXT_HTML)
public class AuditPages {

    private static final String STYLES = resource("/audit-assets/audit.css");

    @Inject
    @Location("audit/list.html")
    Template list;

    @Inject
    @Location("audit/detail.html")
    Template detail;

    @Inject
    @Location("audit/policy.html")
    Template policy;

    @Inject
    @Location("audit/verify.html")
    Template verifyPage;

    @Inject
    AuditSearch search;

    @Inject
    ChainVerifier verifier;

    @Inject
    AuditRepository repository;

    @Inject
    PolicyEngine engine;

    @Inject
    PolicyStore store;

    @Inject
    ObjectMapper json;

    @Inject
    ReleaseHistory releases;

    @GET
    public TemplateInstance list(@BeanParam AuditFilters filters) {
        AuditQuery query = filters.query();
        int size = filters.limit();
        AuditSearch.Page page = search.page(query, filters.cursor(), size);
        Map<String, String> given = filters.asGiven();
        String next = null;
        if (page.nextCursor() != null) {
            Map<String, String> params = new LinkedHashMap<>(given);
            params.put("limit", Integer.toString(size));
            params.put("cursor", page.nextCursor());
            next = "/audit?" + queryString(params);
        }
        // The export buttons carry the page's own filters: the file holds what the list shows, every page of it.
        Map<String, String> exportJsonl = new LinkedHashMap<>(given);
        exportJsonl.put("format", "jsonl");
        Map<String, String> exportCsv = new LinkedHashMap<>(given);
        exportCsv.put("format", "csv");
        List<RecordView.Row> rows =
                page.records().stream().map(r -> RecordView.summary(r, json)).toList();
        return list.data("rows", rows)
                .data("filters", given)
                .data("next", next)
                .data("first", filters.continued())
                .data("exportJsonl", "/v1/audit/decisions/export?" + queryString(exportJsonl))
                .data("exportCsv", "/v1/audit/decisions/export?" + queryString(exportCsv));
    }

    /** The verify button's answer: every chain checked on the server, as {@code GET /v1/audit/verify}. */
    @GET
    @Path("/verify")
    public TemplateInstance verify() {
        AuditVerification verification = verifier.verifyAll(null, null, null, null);
        List<AuditPageRows.Verification> chains =
                verification.chains().stream().map(AuditPages::shown).toList();
        return verifyPage.data(
                "report", new AuditPageRows.Verified(verification.intact(), verification.checked(), chains));
    }

    private static AuditPageRows.Verification shown(ChainReport report) {
        ChainReport.ExpectedHead head = report.expectedHead();
        ChainReport.Break broken = report.firstBroken();
        return new AuditPageRows.Verification(
                report.intact(),
                report.chainId(),
                report.keyed(),
                report.checked(),
                report.firstSeq(),
                report.lastSeq(),
                report.unshipped(),
                head == null ? null : new AuditPageRows.ExpectedHead(head.seq(), head.source()),
                broken == null
                        ? null
                        : new AuditPageRows.Break(
                                broken.seq(), broken.decisionId(), broken.problem(), broken.message()));
    }

    private static String queryString(Map<String, String> params) {
        return params.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    @GET
    @Path("/decisions/{decisionId}")
    public TemplateInstance detail(@PathParam("decisionId") String decisionId) {
        AuditRecord record = search.find(decisionId)
                .orElseThrow(() -> new ProblemException(
                        ErrorCode.UNKNOWN_DECISION, "no decision `" + decisionId + "` in the audit log"));
        RecordView.Whole view = RecordView.whole(record, json);
        // The clauses as they were written when the decision was made, when that version can still be read.
        Optional<PolicyDocument> writtenThen =
                Optional.ofNullable(record.policyVersion()).flatMap(this::policyOf);
        List<AuditPageRows.Reason> reasons = new ArrayList<>();
        JsonNode answer = RecordView.parse(record.answerJson(), json);
        for (JsonNode reason : answer.path("reasons")) {
            String clauseId = reason.path("clause").isMissingNode()
                            || reason.path("clause").isNull()
                    ? null
                    : reason.path("clause").asText();
            Optional<Clause> clause =
                    writtenThen.flatMap(p -> clauseId == null ? Optional.empty() : p.clause(clauseId));
            List<AuditPageRows.Picture> pictures = new ArrayList<>();
            for (JsonNode finding : OwnershipPicture.findings(reason.path("evidence"))) {
                List<String> paths = new ArrayList<>();
                finding.path("paths")
                        .forEach(p -> paths.add(p.path("text").asText() + " (contributes "
                                + p.path("contribution").asText() + "%" + stakeSources(p) + ")"));
                pictures.add(new AuditPageRows.Picture(OwnershipPicture.svg(finding), paths));
            }
            reasons.add(new AuditPageRows.Reason(
                    reason.path("rule").asText(),
                    reason.path("effect").asText(),
                    reason.path("message").asText(),
                    clauseId,
                    clause.map(Clause::title).orElse(null),
                    clause.map(Clause::text).orElse(null),
                    pictures,
                    pretty(reason.path("evidence"))));
        }
        List<AuditPageRows.Advice> advice = new ArrayList<>();
        // Records older than advice have no `advice` field: they show none, as they had none.
        for (JsonNode given : answer.path("advice")) {
            advice.add(new AuditPageRows.Advice(
                    given.path("code").asText(),
                    given.path("rule").asText(),
                    given.path("clause").isTextual() ? given.path("clause").asText() : null,
                    given.path("message").asText(),
                    pretty(given.path("evidence"))));
        }
        return detail.data("d", view)
                .data("reasons", reasons)
                .data("advice", advice)
                .data("request", pretty(RecordView.parse(record.requestJson(), json)))
                .data("answer", pretty(answer));
    }

    /** "; stakes from gleif (`b`: record r, as of 2026-11-01), bods (`c`: record s)": who stated each hop's stake. */
    private static String stakeSources(JsonNode path) {
        StringBuilder said = new StringBuilder();
        for (JsonNode hop : path.path("parties")) {
            JsonNode source = hop.path("source");
            if (source.isObject()) {
                said.append(said.length() == 0 ? "; stakes from " : ", ")
                        .append(source.path("source").asText())
                        .append(" (`")
                        .append(hop.path("partyId").asText())
                        .append('`');
                if (source.hasNonNull("recordId")) {
                    said.append(": record ").append(source.path("recordId").asText());
                }
                if (source.hasNonNull("asOf")) {
                    said.append(", as of ").append(source.path("asOf").asText());
                }
                said.append(')');
            }
        }
        return said.toString();
    }

    @GET
    @Path("/policy")
    public TemplateInstance policy(
            @jakarta.ws.rs.QueryParam("from") String from, @jakarta.ws.rs.QueryParam("to") String to) {
        PolicyEngine.Served served = engine.served();
        RuleSet rules = served.ruleSet();
        List<AuditPageRows.Rule> shownRules = new ArrayList<>();
        for (RuleInfo rule : rules.rules()) {
            shownRules.add(new AuditPageRows.Rule(
                    rule.name(),
                    rule.clause(),
                    rules.policy().clause(rule.clause()).map(Clause::title).orElse(""),
                    rule.description(),
                    rule.file() + ":" + rule.line()));
        }
        List<AuditPageRows.Attempt> history = store.recentAttempts(20).stream()
                .map(a -> new AuditPageRows.Attempt(
                        a.at().toString(),
                        a.trigger(),
                        a.outcome(),
                        a.version(),
                        a.ruleCount(),
                        String.join("\n", a.errors())))
                .toList();
        List<Activation> released = releases.recent(20);
        // The diff shown: the one asked for, else what the newest release changed.
        String diffFrom = from != null
                ? from
                : released.isEmpty() ? null : released.get(0).previousVersion();
        String diffTo = to != null ? to : rules.version();
        RuleSetDiff diff = null;
        String diffError = null;
        if (diffFrom != null) {
            Optional<RuleSet> a = engine.ruleSet(diffFrom);
            Optional<RuleSet> b = engine.ruleSet(diffTo);
            if (a.isPresent() && b.isPresent()) {
                diff = RuleSetDiff.between(a.get(), b.get(), json);
            } else {
                diffError = "no stored version `" + (a.isEmpty() ? diffFrom : diffTo) + "`";
            }
        }
        return policy.data("version", rules.version())
                // Qute reads maps; records would need resolvers of their own.
                .data("releases", json.convertValue(released, List.class))
                .data("diff", diff == null ? null : json.convertValue(diff, Map.class))
                .data("diffError", diffError)
                .data("onDisk", PolicyVersions.onDisk(engine, rules).orElse(null))
                .data("warnings", json.convertValue(rules.warnings(), List.class))
                .data("since", served.since().toString())
                .data("trigger", served.trigger().name())
                .data("document", rules.policy().name())
                .data("rules", shownRules)
                .data("history", history)
                .data("parameters", pretty(json.valueToTree(rules.parameters())));
    }

    /** The pages' style sheet: a file, not inline, so that their Content-Security-Policy allows no inline style. */
    @GET
    @Path("/assets/audit.css")
    @Produces("text/css")
    public String styles() {
        return STYLES;
    }

    private Optional<PolicyDocument> policyOf(String version) {
        try {
            return engine.ruleSet(version).map(RuleSet::policy);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String resource(String name) {
        try (var in = AuditPages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read resource " + name, e);
        }
    }

    private String pretty(JsonNode node) {
        try {
            return json.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return node.toString();
        }
    }
}
