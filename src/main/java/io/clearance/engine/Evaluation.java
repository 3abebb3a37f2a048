package io.clearance.engine;

import java.util.List;

/**
 * What one run of the rules produced: the verdicts still standing when the rules came to rest, in the
 * order they were inserted, and the names of every rule that fired (for coverage).
 */
public record Evaluation(List<FiredVerdict> verdicts, List<String> firedRules) {}
