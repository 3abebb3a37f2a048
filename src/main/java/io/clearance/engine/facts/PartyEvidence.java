package io.clearance.engine.facts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;

/**
 * A party of the request as evidence shows it: id, name, kind, country, nationality (an individual's, when
 * recorded) and the role it plays, such as {@code subject} or {@code end customer}.
 */
public record PartyEvidence(
        String partyId,
        String name,
        String kind,
        String country,
        @JsonInclude(Include.NON_NULL) String nationality,
        String role) {}
