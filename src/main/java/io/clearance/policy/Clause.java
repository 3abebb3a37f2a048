package io.clearance.policy;

/** A numbered clause of the written policy: what a rule cites and an auditor looks up. */
public record Clause(String id, String title, String text) {}
