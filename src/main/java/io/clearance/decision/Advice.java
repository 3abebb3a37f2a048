package io.clearance.decision;

import io.clearance.engine.facts.Evidence;

/**
 * Advice that travels with a decision without changing its outcome: the rule that gave it, the clause of
 * the written policy that rule implements, a stable {@code code} (such as {@code enhanced-due-diligence})
 * that gateways and metrics branch on, a sentence an auditor can read, and the evidence.
 */
public record Advice(String rule, String clause, String code, String message, Evidence evidence) {}
