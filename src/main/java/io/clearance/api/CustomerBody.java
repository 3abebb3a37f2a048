package io.clearance.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code PUT /v1/parties/{resellerId}/customers/{customerId}}, every field optional:
 * {@code validFrom} (inclusive) and {@code validTo} (exclusive) as a stake's, {@code reference} the contract
 * the relationship rests on. JSON nodes, so that a value of the wrong type gets the field's own code.
 */
public record CustomerBody(JsonNode validFrom, JsonNode validTo, JsonNode reference) {}
