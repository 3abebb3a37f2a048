package io.clearance.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.decision.Action;
import io.clearance.decision.Decider;
import io.clearance.decision.Decision;
import io.clearance.decision.DecisionQuery;
import io.clearance.decision.Reason;
import io.clearance.decision.UnknownPartyException;
import io.clearance.engine.PolicyEngine;
import io.clearance.engine.RuleSet;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.problem.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
    private final Decider decider;

    DecisionReplay(PolicyEngine engine, OwnershipGraph graph, ObjectMapper json, Decider decider) {
        this.decider = decider;
        this.engine = engine;
        this.graph = graph;
        this.json = json;
    }

    /** @return empty when the record is not a request that can be decided (it was refused before the rules ran) */
    public Optional<ReplayAnswer> replay(AuditRecord record) {
        Optional<Action> action = Optional.ofNullable(record.action()).flatMap(Action::fromWireName);
        if (record.subjectId() == null || action.isEmpty()) {
            return Optional.empty();
        }
        // Decided again for the same instant, so that dated stakes and bans count as they did then.
        Instant at = RecordView.requestedAt(record, json).orElse(record.decidedAt());
        DecisionQuery query = new DecisionQuery(record.subjectId(), action.get(), record.onBehalfOfId(), at);
        List<String> recordedRules = RecordView.rules(record, json);
        ReplayAnswer.Recorded recorded = new ReplayAnswer.Recorded(
                record.outcome(), record.errorCode(), record.policyVersion(), record.registryVersion(), recordedRules);
        String activeVersion = engine.active().version();
        return Optional.of(new ReplayAnswer(
                record.decisionId(),
                REGISTRY_NOTE,
                at.toString(),
                recorded,
                record.policyVersion() == null
                        ? null
                        : evaluate(query, record.policyVersion(), record.outcome(), recordedRules),
                evaluate(query, activeVersion, record.outcome(), recordedRules)));
    }

    private ReplayAnswer.Replayed evaluate(
            DecisionQuery query, String version, String recordedOutcome, List<String> recordedRules) {
        Optional<RuleSet> rules = engine.ruleSet(version);
        if (rules.isEmpty()) {
            return ReplayAnswer.Replayed.notStored(version);
        }
        try {
            Decision decision = decider.decide("replay", query, rules.get(), graph);
            List<String> ruleNames =
                    decision.reasons().stream().map(Reason::rule).toList();
            return new ReplayAnswer.Replayed(
                    version,
                    null,
                    decision.decision().name(),
                    null,
                    decision.registryVersion(),
                    decision.reasons(),
                    decision.advice(),
                    differences(
                            recordedOutcome, recordedRules, decision.decision().name(), ruleNames));
        } catch (UnknownPartyException e) {
            return new ReplayAnswer.Replayed(
                    version,
                    null,
                    "REJECTED",
                    ErrorCode.UNKNOWN_PARTY_IN_REQUEST.code(),
                    null,
                    null,
                    null,
                    differences(recordedOutcome, recordedRules, "REJECTED", List.of()));
        }
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
