package io.clearance.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.problem.ErrorCode;
import io.clearance.registry.CustomerRegistry;
import io.clearance.registry.identity.Identifier;
import java.util.List;

/**
 * A party as {@code GET} and {@code PUT /v1/parties/{id}} answer it: its registry entry, whether it is
 * declared a reseller, and, when it has any, its identifiers ({@code [{"scheme": "lei", "id": "..."}]}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PartyView(
        String id,
        String name,
        PartyKind kind,
        String country,
        String nationality,
        boolean reseller,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Identifier> identifiers) {

    static PartyView of(PartyInfo party, CustomerRegistry resellers, List<Identifier> identifiers) {
        return new PartyView(
                party.id(),
                party.name(),
                party.kind(),
                party.country(),
                party.nationality(),
                resellers.isReseller(party.id()),
                identifiers);
    }

    /**
     * The body's {@code reseller}: {@code true} or {@code false}; absent or null keeps what the party was (a new
     * party is not a reseller), so that a registrar correcting a reseller's name never lifts its obligations.
     */
    static Boolean reseller(JsonNode given) {
        if (given == null || given.isNull()) {
            return null;
        }
        if (!given.isBoolean()) {
            throw new ProblemException(ErrorCode.INVALID_RESELLER, "`reseller` must be `true` or `false`");
        }
        return given.booleanValue();
    }
}
