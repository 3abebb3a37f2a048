package io.clearance.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code PUT /v1/parties/{id}}. {@code kind} stays a string here so that an unknown kind is
 * answered with its own error code rather than a generic JSON one; {@code reseller} (true or false, absent:
 * false) stays a JSON node for the same reason.
 */
public record PartyBody(String name, String kind, String country, String nationality, JsonNode reseller) {}
