package io.clearance.decision;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.clearance.engine.facts.Evidence;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A memoised decision's JSON is its first serialisation with three values written in: filling the template
 * gives byte for byte what serialising the decision under the new id, graph version and time gives, whatever
 * the lengths of the old and new values, and evidence that repeats the field names does not confuse it.
 */
class DecisionJsonTest {

    private static final DecisionJson JSON = DecisionJson.standalone();

    @Test
    void aFilledTemplateIsTheDecisionSerialisedUnderItsNewValues() {
        Decision first = decision("0f8fad5b-d9cb-469f-a165-70867728950e", 7, Instant.parse("2026-01-02T03:04:05Z"));
        DecisionJson.Template template = DecisionJson.template(JSON.answer(first));
        assertNotNull(template, "a served decision can always be cut");

        for (Decision again : List.of(
                decision("7c9e6679-7425-40de-944b-e07fc1f90ae7", 7, Instant.parse("2026-01-02T03:04:05.123456789Z")),
                decision("x", 123_456_789_012L, Instant.parse("2026-12-31T23:59:59.5Z")),
                decision("id-2", 0, Instant.EPOCH))) {
            assertEquals(
                    new String(JSON.answer(again).json(), UTF_8),
                    new String(template.fill(again.decisionId(), again.registryVersion(), again.decidedAt()), UTF_8));
        }
    }

    @Test
    void anIdThatWouldNeedEscapingIsNotFilledIn() {
        DecisionJson.Template template = DecisionJson.template(JSON.answer(decision("a", 1, Instant.EPOCH)));

        assertNull(template.fill("quote\"d", 1, Instant.EPOCH));
    }

    private static Decision decision(String id, long registryVersion, Instant at) {
        // Evidence naming the same fields as the decision: the template must cut the decision's own.
        Evidence evidence =
                Evidence.of("decisionId", "other", "registryVersion", 7, "decidedAt", "2026-01-02T03:04:05Z");
        return new Decision(
                id,
                Outcome.DENY,
                "policy-1",
                registryVersion,
                at,
                "acme",
                "api.access",
                null,
                null,
                List.of(new Reason("r", "3.3", Outcome.DENY, "owned from CN", evidence)),
                List.of());
    }
}
