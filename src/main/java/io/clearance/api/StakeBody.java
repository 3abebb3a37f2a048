package io.clearance.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code PUT /v1/parties/{id}/owners/{ownerId}}. The percentage is read as a JSON node so that
 * "not a number" can be told apart from malformed JSON, and a quoted number is refused.
 */
public record StakeBody(JsonNode percent) {}
