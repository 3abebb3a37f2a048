package io.clearance.engine;

import java.util.List;

/**
 * What one run of the rules produced: the verdicts still standing when the rules came to rest, in the
 * order they were inserted, the names of every rule that fired (for coverage), and the advice still
 * standing, in the order it was inserted.
 */
public record Evaluation(List<FiredVerdict> verdicts, List<String> firedRules, List<FiredAdvice> advice) {

    /** An evaluation without advice, as rule sets that give none produce. */
    public Evaluation(List<FiredVerdict> verdicts, List<String> firedRules) {
        this(verdicts, firedRules, List.of());
    }
}
