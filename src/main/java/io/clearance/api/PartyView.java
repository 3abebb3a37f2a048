package io.clearance.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.clearance.domain.PartyInfo;
import io.clearance.registry.identity.Identifier;
import java.util.List;

/**
 * A party as {@code GET /v1/parties/{id}} answers it: its registry entry and, when it has any, its
 * identifiers ({@code [{"scheme": "lei", "id": "..."}]}).
 */
public record PartyView(
        @JsonUnwrapped PartyInfo party,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Identifier> identifiers) {}
