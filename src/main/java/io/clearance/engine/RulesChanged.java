package io.clearance.engine;

/**
 * Fired by the {@link PolicyWatcher} when files under the rules or policies folder changed (after the
 * quiet time). The release service decides whether to load them: only when their content differs from
 * what it last read, and only through the release gate.
 */
public record RulesChanged() {}
