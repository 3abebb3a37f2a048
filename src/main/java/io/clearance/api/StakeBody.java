package io.clearance.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code PUT /v1/parties/{id}/owners/{ownerId}}, read by {@code StakeSpec}: {@code percent} (a
 * number or a range object), {@code control}, {@code validFrom}, {@code validTo}. Each field is a JSON node
 * so that a value of the wrong type gets the field's own error code rather than a generic one, and a quoted
 * number is refused.
 */
public record StakeBody(JsonNode percent, JsonNode control, JsonNode validFrom, JsonNode validTo) {}
