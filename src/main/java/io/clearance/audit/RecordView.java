package io.clearance.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.TemplateData;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a stored record reads on the auditor's pages: whole (status, versions, latency, chain) or as a search
 * result (who, what, outcome, the deciding rules).
 */
public final class RecordView {

    private RecordView() {}

    /**
     * A record as its page shows it: the search fields, then status, versions, latency and chain. Every field
     * is there, {@code null} where the record has none, as the page's strict rendering needs.
     */
    @TemplateData
    public record Whole(
            long seq,
            String decisionId,
            String decidedAt,
            String subject,
            String action,
            String onBehalfOf,
            String decision,
            String errorCode,
            String policyVersion,
            List<String> rules,
            List<String> advice,
            int httpStatus,
            Long registryVersion,
            long latencyMicros,
            String hash) {}

    /** A record as a row of search results: who, what, outcome, the deciding rules and the advice codes. */
    @TemplateData
    public record Row(
            long seq,
            String decisionId,
            String decidedAt,
            String subject,
            String action,
            String onBehalfOf,
            String decision,
            String errorCode,
            String policyVersion,
            List<String> rules,
            List<String> advice) {}

    public static Whole whole(AuditRecord r, ObjectMapper json) {
        return new Whole(
                r.seq(),
                r.decisionId(),
                r.decidedAt().toString(),
                r.subjectId(),
                r.action(),
                r.onBehalfOfId(),
                r.outcome(),
                r.errorCode(),
                r.policyVersion(),
                rules(r, json),
                advice(r, json),
                r.httpStatus(),
                r.registryVersion(),
                r.latencyMicros(),
                r.hash());
    }

    public static Row summary(AuditRecord r, ObjectMapper json) {
        return new Row(
                r.seq(),
                r.decisionId(),
                r.decidedAt().toString(),
                r.subjectId(),
                r.action(),
                r.onBehalfOfId(),
                r.outcome(),
                r.errorCode(),
                r.policyVersion(),
                rules(r, json),
                advice(r, json));
    }

    /** The codes of the advice the decision carried, read from the answer; none for records older than advice. */
    public static List<String> advice(AuditRecord r, ObjectMapper json) {
        List<String> codes = new ArrayList<>();
        parse(r.answerJson(), json)
                .path("advice")
                .forEach(given -> codes.add(given.path("code").asText()));
        return codes;
    }

    /** The names of the deciding rules, read from the answer (which the chain covers). */
    public static List<String> rules(AuditRecord r, ObjectMapper json) {
        List<String> rules = new ArrayList<>();
        JsonNode reasons = parse(r.answerJson(), json).path("reasons");
        reasons.forEach(reason -> rules.add(reason.path("rule").asText()));
        return rules;
    }

    /** The instant the request asked to be decided for, when it named one. */
    public static Optional<Instant> requestedAt(AuditRecord r, ObjectMapper json) {
        JsonNode at = parse(r.requestJson(), json).path("at");
        if (!at.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(at.asText()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static JsonNode parse(String text, ObjectMapper json) {
        if (text == null) {
            // evidence deleted from under its record: verification names it
            return json.getNodeFactory().nullNode();
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            // A record is shown even when a hand edit broke its JSON; verification reports the edit.
            return json.getNodeFactory().textNode(text);
        }
    }
}
