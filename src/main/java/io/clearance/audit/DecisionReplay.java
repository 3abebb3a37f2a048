package io.clearance.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.decision.Action;
import io.clearance.decision.Decision;
import io.clearance.decision.DecisionEvaluator;
import io.clearance.decision.DecisionQuery;
import io.clearance.decision.Reason;
import io.clearance.decision.UnknownPartyException;
import io.clearance.engine.PolicyEngine;
import io.clearance.engine.RuleSet;
import io.clearance.ownership.OwnershipGraph;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides a logged request again, under the policy version that decided it and under the one serving now,
 * and says what differs from what was answered. The registry has no history yet, so both replays read the
 * current ownership graph; the answer says so.
 */
@ApplicationScoped
public class DecisionReplay {

    static final String REGISTRY_NOTE = "the current registry, with the stakes and bans in force at the instant the"
            + " decision was made for (`at`); stakes edited or deleted since then are not restored";

    private final PolicyEngine engine;
    private final OwnershipGraph graph;
    private final ObjectMapper json;
    private final DecisionEvaluator evaluator = new DecisionEvaluator();

    DecisionReplay(PolicyEngine engine, OwnershipGraph graph, ObjectMapper json) {
        this.engine = engine;
        this.graph = graph;
        this.json = json;
    }

    /** @return empty when the record is not a request that can be decided (it was refused before the rules ran) */
    public Optional<Map<String, Object>> replay(AuditRecord record) {
        Optional<Action> action = Optional.ofNullable(record.action()).flatMap(Action::fromWireName);
        if (record.subjectId() == null || action.isEmpty()) {
            return Optional.empty();
        }
        // Decided again for the same instant, so that dated stakes and bans count as they did then.
        Instant at = RecordView.requestedAt(record, json).orElse(record.decidedAt());
        DecisionQuery query = new DecisionQuery(record.subjectId(), action.get(), record.onBehalfOfId(), at);
        List<String> recordedRules = RecordView.rules(record, json);

        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("decision", record.outcome());
        recorded.put("errorCode", record.errorCode());
        recorded.put("policyVersion", record.policyVersion());
        recorded.put("registryVersion", record.registryVersion());
        recorded.put("rules", recordedRules);

        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("decisionId", record.decisionId());
        answer.put("registry", REGISTRY_NOTE);
        answer.put("at", at.toString());
        answer.put("recorded", recorded);
        String activeVersion = engine.active().version();
        if (record.policyVersion() != null) {
            answer.put("underRecordedPolicy", evaluate(query, record.policyVersion(), record.outcome(), recordedRules));
        }
        answer.put("underActivePolicy", evaluate(query, activeVersion, record.outcome(), recordedRules));
        return Optional.of(answer);
    }

    private Map<String, Object> evaluate(
            DecisionQuery query, String version, String recordedOutcome, List<String> recordedRules) {
        Map<String, Object> replayed = new LinkedHashMap<>();
        replayed.put("policyVersion", version);
        Optional<RuleSet> rules = engine.ruleSet(version);
        if (rules.isEmpty()) {
            replayed.put("error", "policy version `" + version + "` was never stored, so it cannot be replayed");
            return replayed;
        }
        try {
            Decision decision = evaluator.decide("replay", query, rules.get(), graph);
            List<String> ruleNames =
                    decision.reasons().stream().map(Reason::rule).toList();
            replayed.put("decision", decision.decision().name());
            replayed.put("registryVersion", decision.registryVersion());
            replayed.put("reasons", decision.reasons());
            replayed.put("advice", decision.advice());
            replayed.put(
                    "differences",
                    differences(
                            recordedOutcome, recordedRules, decision.decision().name(), ruleNames));
        } catch (UnknownPartyException e) {
            replayed.put("decision", "REJECTED");
            replayed.put("errorCode", "unknown-party");
            replayed.put("differences", differences(recordedOutcome, recordedRules, "REJECTED", List.of()));
        }
        return replayed;
    }

    private static List<String> differences(
            String recordedOutcome, List<String> recordedRules, String outcome, List<String> rules) {
        List<String> differences = new ArrayList<>();
        if (!recordedOutcome.equals(outcome)) {
            differences.add("decision: " + recordedOutcome + " then, " + outcome + " now");
        }
        recordedRules.stream().filter(r -> !rules.contains(r)).forEach(r -> differences.add("no longer decides: " + r));
        rules.stream().filter(r -> !recordedRules.contains(r)).forEach(r -> differences.add("now decides: " + r));
        return differences;
    }
}
