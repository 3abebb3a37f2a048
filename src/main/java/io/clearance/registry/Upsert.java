package io.clearance.registry;

/** The result of a create-or-replace: the stored value, and whether it was created (201) or replaced (200). */
public record Upsert<T>(T value, boolean created) {}
