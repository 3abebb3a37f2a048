package io.clearance.api;

/**
 * The body of {@code PUT /v1/parties/{id}}. {@code kind} stays a string here so that an unknown kind is
 * answered with its own error code rather than a generic JSON one.
 */
public record PartyBody(String name, String kind, String country, String nationality) {}
