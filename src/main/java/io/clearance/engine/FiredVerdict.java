package io.clearance.engine;

import io.clearance.engine.facts.Verdict;

/** A verdict a rule inserted, with the rule that inserted it. */
public record FiredVerdict(RuleInfo rule, Verdict verdict) {}
