package io.clearance.engine;

import java.util.List;

/**
 * What one run of the rules produced: the verdicts still standing when the rules came to rest, in the
 * order they were inserted, and the names of every rule that fired (for coverage); or, when the run failed
 * (a rule threw, the budget ran out, rules looped), why, with no verdicts: a failed run decides nothing.
 *
 * @param indeterminate why the run failed; {@code null} when it came to rest
 */
public record Evaluation(List<FiredVerdict> verdicts, List<String> firedRules, Indeterminate indeterminate) {

    public Evaluation(List<FiredVerdict> verdicts, List<String> firedRules) {
        this(verdicts, firedRules, null);
    }

    /** A failed run: whatever verdicts it inserted before failing are dropped. */
    static Evaluation failed(List<String> firedRules, Indeterminate why) {
        return new Evaluation(List.of(), firedRules, why);
    }

    public boolean isIndeterminate() {
        return indeterminate != null;
    }
}
