package io.clearance.audit.changes;

import java.time.Instant;

/**
 * What an auditor looks for in the change log; every field is optional.
 *
 * @param actor exactly, e.g. {@code key:3f2a...} or {@code jwt:alice}
 * @param action exactly, or a prefix ending in a dot: {@code policy.} finds every policy change
 * @param target exactly, e.g. {@code party:dragon-holdings}
 * @param from inclusive
 * @param to exclusive
 */
public record ChangeQuery(String actor, String action, String target, Instant from, Instant to) {}
