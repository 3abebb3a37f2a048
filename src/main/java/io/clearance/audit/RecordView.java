package io.clearance.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a stored record reads over HTTP: whole (request and answer as JSON, chain hashes) or as a search
 * result (who, what, outcome, the deciding rules).
 */
public final class RecordView {

    private RecordView() {}

    public static Map<String, Object> whole(AuditRecord r, ObjectMapper json) {
        Map<String, Object> view = summary(r, json);
        view.put("httpStatus", r.httpStatus());
        view.put("registryVersion", r.registryVersion());
        view.put("latencyMicros", r.latencyMicros());
        view.put("request", parse(r.requestJson(), json));
        view.put("answer", parse(r.answerJson(), json));
        view.put("prevHash", r.prevHash());
        view.put("hash", r.hash());
        view.put("chainId", r.chainId());
        view.put("caller", r.caller());
        view.put("evidenceHash", r.evidenceHash());
        view.put("mac", r.mac());
        return view;
    }

    public static Map<String, Object> summary(AuditRecord r, ObjectMapper json) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("seq", r.seq());
        view.put("decisionId", r.decisionId());
        view.put("decidedAt", r.decidedAt().toString());
        view.put("subject", r.subjectId());
        view.put("action", r.action());
        view.put("onBehalfOf", r.onBehalfOfId());
        view.put("decision", r.outcome());
        view.put("errorCode", r.errorCode());
        view.put("policyVersion", r.policyVersion());
        view.put("rules", rules(r, json));
        view.put("advice", advice(r, json));
        return view;
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
