package io.clearance.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The body of {@code POST /v1/decisions/batch}: {@code requests}, each the body of {@code POST
 * /v1/decisions}. Items are read one by one, so that a bad item is that item's problem, not the batch's.
 */
public record BatchRequest(List<JsonNode> requests) {}
