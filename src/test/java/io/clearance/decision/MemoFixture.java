package io.clearance.decision;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clearance.engine.RuleSet;
import io.clearance.engine.RuleSetCompiler;
import io.clearance.engine.RuleSource;
import io.clearance.policy.PolicyDocument;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * What the memo tests share: the bundled rules compiled once, a clock a test moves, and the comparison of a
 * memoised answer with a fresh one (everything but the decision id and time).
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

    /** A clock that stands still until a test moves it. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
