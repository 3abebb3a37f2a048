package io.clearance.engine;

/**
 * A rule of the served rule set as an author and an auditor know it: its name (a sentence), the clause of
 * the written policy it implements, what it does, and where it is written.
 */
public record RuleInfo(String name, String clause, String description, String file, int line) {}
