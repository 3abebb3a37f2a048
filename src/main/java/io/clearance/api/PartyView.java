package io.clearance.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.problem.ErrorCode;
import io.clearance.registry.CustomerRegistry;

/**
 * A party as {@code GET} and {@code PUT /v1/parties/{id}} answer it: its registry entry and whether it is
 * declared a reseller.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PartyView(String id, String name, PartyKind kind, String country, String nationality, boolean reseller) {

    static PartyView of(PartyInfo party, CustomerRegistry resellers) {
        return new PartyView(
                party.id(),
                party.name(),
                party.kind(),
                party.country(),
                party.nationality(),
                resellers.isReseller(party.id()));
    }

    /** The body's {@code reseller}: {@code true} or {@code false}; absent or null is false. */
    static boolean reseller(JsonNode given) {
        if (given == null || given.isNull()) {
            return false;
        }
        if (!given.isBoolean()) {
            throw new ProblemException(ErrorCode.INVALID_RESELLER, "`reseller` must be `true` or `false`");
        }
        return given.booleanValue();
    }
}
