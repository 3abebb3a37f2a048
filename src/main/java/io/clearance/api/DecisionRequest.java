package io.clearance.api;

/**
 * The body of {@code POST /v1/decisions}: who asks ({@code subject}), for what ({@code action}), and for
 * whom, when a reseller or an individual acts for an organisation ({@code onBehalfOf}, optional).
 */
public record DecisionRequest(PartyRef subject, String action, PartyRef onBehalfOf) {

    /** A reference to a party of the registry. */
    public record PartyRef(String partyId) {}
}
