package io.clearance.engine;

import java.util.List;

/**
 * What one run of the rules produced: the verdicts still standing when the rules came to rest, in the
 * order they were inserted, the names of every rule that fired (for coverage), and the advice still
 * standing, in the order it was inserted; or, when the run failed (a rule threw, the budget ran out, rules
 * looped), why, with no verdicts and no advice: a failed run decides nothing.
 *
 * @param indeterminate why the run failed; {@code null} when it came to rest
 */
public record Evaluation(
        List<FiredVerdict> verdicts, List<String> firedRules, List<FiredAdvice> advice, Indeterminate indeterminate) {

    /** An evaluation without advice, as rule sets that give none produce. */
    public Evaluation(List<FiredVerdict> verdicts, List<String> firedRules) {
        this(verdicts, firedRules, List.of(), null);
    }

    /** A run that came to rest. */
    public Evaluation(List<FiredVerdict> verdicts, List<String> firedRules, List<FiredAdvice> advice) {
        this(verdicts, firedRules, advice, null);
    }

    /** A failed run: whatever verdicts and advice it inserted before failing are dropped. */
    static Evaluation failed(List<String> firedRules, Indeterminate why) {
        return new Evaluation(List.of(), firedRules, List.of(), why);
    }

    public boolean isIndeterminate() {
        return indeterminate != null;
    }
}
