package io.clearance.engine;

import io.clearance.engine.facts.Advice;

/** Advice a rule inserted, with the rule that inserted it. */
public record FiredAdvice(RuleInfo rule, Advice advice) {}
