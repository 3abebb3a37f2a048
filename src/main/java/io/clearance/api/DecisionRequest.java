package io.clearance.api;

/**
 * The body of {@code POST /v1/decisions}: who asks ({@code subject}), for what ({@code action}), and for
 * whom, when a reseller or an individual acts for an organisation ({@code onBehalfOf}, optional), and for
 * which instant ({@code at}, optional, an ISO-8601 instant such as {@code 2025-06-01T00:00:00Z}: the
 * decision then counts the bans and stakes in force at that instant; default now). With {@code
 * minRegistryVersion} (optional), the decision is made on a registry at least that new (the {@code
 * registryVersion} a registry write's instance reported): read-your-writes across instances.
 */
public record DecisionRequest(
        PartyRef subject, String action, PartyRef onBehalfOf, String at, Long minRegistryVersion) {

    public DecisionRequest(PartyRef subject, String action, PartyRef onBehalfOf, String at) {
        this(subject, action, onBehalfOf, at, null);
    }

    public DecisionRequest(PartyRef subject, String action, PartyRef onBehalfOf) {
        this(subject, action, onBehalfOf, null, null);
    }

    /**
     * A reference to a party of the registry: by its id, or (for the subject) by an identifier it carries,
     * such as {@code {"scheme": "lei", "id": "5493001KJTIIGC8Y1R12"}}.
     */
    public record PartyRef(String partyId, IdentifierBody identifier) {

        public PartyRef(String partyId) {
            this(partyId, null);
        }
    }
}
