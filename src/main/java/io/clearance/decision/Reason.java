package io.clearance.decision;

import io.clearance.engine.facts.Evidence;

/**
 * Why a decision came out as it did: the rule that determined it, the clause of the written policy that
 * rule implements, a sentence an auditor can read, and the evidence (for an ownership finding, the
 * aggregate and every contributing owner and path).
 */
public record Reason(String rule, String clause, Outcome effect, String message, Evidence evidence) {}
