package io.clearance.decision;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clearance.engine.RuleSet;
import io.clearance.engine.RuleSetCompiler;
import io.clearance.engine.RuleSource;
import io.clearance.policy.PolicyDocument;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What the memo tests share: the bundled rules compiled once and the comparison of a memoised answer with a
 * fresh one (everything but the decision id and time). Graphs, and the clock a test moves, come from {@link
 * io.clearance.ownership.GraphFixture}.
 */
final class MemoFixture {

    private static RuleSet rules;
    private static final ObjectMapper JSON =
            new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private MemoFixture() {}

    /** The bundled rules and written policy, compiled once per test run. */
    static synchronized RuleSet bundledRules() {
        if (rules == null) {
            rules = new RuleSetCompiler()
                    .compile(
                            RuleSource.readDirectory(Path.of("rules")),
                            PolicyDocument.read(Path.of("policies/policy.md")));
        }
        return rules;
    }

    /**
     * The decision as JSON without what differs between two answers to the same question by design (its id
     * and time), so that two answers compare field by field, evidence included, in order.
     */
    static String answerOf(Decision decision) {
        Decision comparable = new Decision(
                "-",
                decision.decision(),
                decision.policyVersion(),
                decision.registryVersion(),
                Instant.EPOCH,
                decision.subject(),
                decision.action(),
                decision.onBehalfOf(),
                decision.at(),
                decision.reasons(),
                decision.advice());
        try {
            return JSON.writeValueAsString(comparable);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
