package io.clearance.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The body of {@code PUT /v1/parties/{id}}. {@code kind} stays a string here so that an unknown kind is
 * answered with its own error code rather than a generic JSON one; {@code reseller} (true or false; absent
 * keeps what the party was) stays a JSON node for the same reason.
 *
 * @param identifiers the party's identifiers in other registers; {@code null} (absent) keeps the ones it has,
 *     a list (empty included) replaces them
 */
public record PartyBody(
        String name,
        String kind,
        String country,
        String nationality,
        List<IdentifierBody> identifiers,
        JsonNode reseller) {

    public PartyBody(String name, String kind, String country, String nationality) {
        this(name, kind, country, nationality, null, null);
    }
}
