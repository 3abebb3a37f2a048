package io.clearance.engine;

import java.time.Duration;

/**
 * The bounds of one run of the rules: a time budget, checked before each rule fires, and a number of
 * firings. The rule verifier already excludes loops, threads, I/O and sleeping inside a rule, so a run
 * can only exceed them through rules that keep triggering each other, or conditions and fact methods that
 * are slow; both are stopped between firings.
 */
public record EvaluationLimits(Duration budget, int maxFirings) {

    /** The defaults of {@link RulesConfig}, for the command line and tests. */
    public static final EvaluationLimits DEFAULT = new EvaluationLimits(Duration.ofMillis(500), 10_000);

    public EvaluationLimits {
        if (budget.isNegative() || maxFirings < 1) {
            throw new IllegalArgumentException("the rule budget must be positive and allow one firing");
        }
    }

    /**
     * The limits of a warm-up run (see {@link RuleSetWarmer}): ten times the budget, and a second at least, since
     * a warm-up is there to pay the cold cost a decision's budget must not see; finite still, so that a rule that
     * really runs away holds up an activation for no longer than that. Firings are bounded as for a decision.
     */
    public EvaluationLimits forWarmUp() {
        Duration tenfold = budget.multipliedBy(10);
        return new EvaluationLimits(
                tenfold.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : tenfold, maxFirings);
    }
}
