package io.clearance.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.decision.Decider;
import io.clearance.engine.facts.Request;
import io.clearance.engine.facts.RestrictedAction;
import io.clearance.policy.PolicyDocument;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run of the rules fails closed: a rule that throws, a run past its time budget, a rule set that keeps
 * firing give an indeterminate evaluation naming the rule, never an exception and never the verdicts the
 * run inserted before it failed; and each is counted. Outcomes are asserted, not durations.
 */
class RuleBudgetTest {

    private static final PolicyDocument POLICY = PolicyDocument.read(Path.of("policies/policy.md"));
    private static final List<Object> REQUEST =
            List.of(new Request("api.access", false), new RestrictedAction("api.access"));

    private final List<Indeterminate> seen = new ArrayList<>();
    private final EvaluationObserver observer = new EvaluationObserver() {
        @Override
        public void settled(String version) {}

        @Override
        public void indeterminate(String version, Indeterminate why) {
            seen.add(why);
        }
    };

    @Test
    void aRuleThatThrowsMakesTheRunIndeterminateNamingIt() {
        RuleSet rules = compile(Duration.ofMinutes(5), 10_000, """
                rule "Permits first"
                    @clause("6.1") @description("permits every request") salience 10
                when
                    Request()
                then
                    insert(Permit.because("permitted before the failure", null));
                end

                rule "Throws"
                    @clause("6.1") @description("divides by zero")
                when
                    Request($action : action)
                then
                    insert(Deny.because("never " + (1 / ($action.length() - 10)), null));
                end
                """);
        Evaluation evaluation = rules.evaluate(REQUEST);

        assertTrue(evaluation.isIndeterminate());
        assertEquals("Throws", evaluation.indeterminate().rule());
        assertEquals(Indeterminate.Cause.RULE_FAILED, evaluation.indeterminate().cause());
        assertTrue(evaluation.indeterminate().detail().contains("ArithmeticException"), evaluation.toString());
        assertTrue(evaluation.verdicts().isEmpty(), "a failed run decides nothing, not even its earlier permit");
        assertEquals(List.of(evaluation.indeterminate()), seen);
    }

    @Test
    void aConditionThatThrowsIsIndeterminateToo() {
        RuleSet rules = compile(Duration.ofMinutes(5), 10_000, """
                rule "Fails in its condition"
                    @clause("6.1") @description("reads past the end of the action")
                when
                    Request($action : action)
                    eval($action.substring(100).isEmpty())
                then
                    insert(Permit.because("never", null));
                end
                """);
        Evaluation evaluation = rules.evaluate(REQUEST);

        assertTrue(evaluation.isIndeterminate());
        assertEquals(Indeterminate.Cause.RULE_FAILED, evaluation.indeterminate().cause());
        assertEquals("Fails in its condition", evaluation.indeterminate().rule(), evaluation.toString());
    }

    @Test
    void aRunawayRuleIsHaltedByTheBudgetBeforeItsFiringsRunOut() {
        // A million firings of ever longer strings would take minutes; a millisecond's budget stops it first.
        RuleSet rules = compile(Duration.ofMillis(1), 1_000_000, """
                rule "Runs away"
                    @clause("6.1") @description("declares a longer action for every action")
                when
                    $action : RestrictedAction()
                then
                    insert(new RestrictedAction($action.getAction() + $action.getAction().substring(0, 1)));
                end
                """);
        Evaluation evaluation = rules.evaluate(REQUEST);

        assertTrue(evaluation.isIndeterminate());
        assertEquals(
                Indeterminate.Cause.BUDGET_EXCEEDED, evaluation.indeterminate().cause());
        assertEquals("Runs away", evaluation.indeterminate().rule());
    }

    @Test
    void aSlowConditionExhaustsTheBudgetBeforeItsRuleFires() {
        // Each condition builds and scans a few megabytes: far more than a millisecond for a hundred requests.
        RuleSet rules = compile(Duration.ofMillis(1), 10_000, """
                rule "Slow to match"
                    @clause("6.1") @description("scans a long string for every request")
                when
                    Request($action : action)
                    eval($action.repeat(500000).lastIndexOf("zz") < 0)
                then
                    insert(Permit.because("matched slowly", null));
                end
                """);
        List<Object> requests = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            requests.add(new Request("api.access." + i, false));
        }
        Evaluation evaluation = rules.evaluate(requests);

        assertTrue(evaluation.isIndeterminate());
        assertEquals(
                Indeterminate.Cause.BUDGET_EXCEEDED, evaluation.indeterminate().cause());
        assertEquals("Slow to match", evaluation.indeterminate().rule());
    }

    @Test
    void theBundledRulesSettleWithinTheDefaultBudget() {
        RuleSet rules = new RuleSetCompiler(EvaluationLimits.DEFAULT, observer)
                .compile(RuleSource.readDirectory(Path.of("rules")), POLICY);
        Evaluation evaluation = rules.evaluate(REQUEST);
        assertFalse(evaluation.isIndeterminate());
        assertTrue(seen.isEmpty());
    }

    @Test
    void theIndeterminateRuleNameIsStableForGateways() {
        assertEquals("(indeterminate)", Decider.INDETERMINATE_RULE);
    }

    private RuleSet compile(Duration budget, int maxFirings, String rules) {
        String file = "package clearance.rules;\nimport io.clearance.engine.facts.*;\n\n" + rules;
        return new RuleSetCompiler(new EvaluationLimits(budget, maxFirings), observer)
                .compile(List.of(new RuleSource("fixture.drl", file)), POLICY);
    }

    @Test
    void aRunOverBudgetIsMadeOnceMoreOnlyWhileTheRuleBaseIsCold() {
        Indeterminate over = new Indeterminate("R", Indeterminate.Cause.BUDGET_EXCEEDED, "over");
        Indeterminate thrown = new Indeterminate("R", Indeterminate.Cause.RULE_FAILED, "thrown");
        List<Indeterminate> retried = new ArrayList<>();
        java.util.Iterator<Indeterminate> overThenRest =
                java.util.Arrays.asList(over, null).iterator();

        assertEquals(null, GuardedRun.onceMoreWhenCold(true, overThenRest::next, r -> r, retried::add));
        assertEquals(List.of(over), retried, "a cold overrun is made again, once, and told");
        assertEquals(over, GuardedRun.onceMoreWhenCold(false, () -> over, r -> r, retried::add));
        assertEquals(thrown, GuardedRun.onceMoreWhenCold(true, () -> thrown, r -> r, retried::add));
        assertEquals(1, retried.size(), "neither a warm overrun nor a failing rule is run again");
    }
}
