package io.clearance.ownership.evidence;

import io.clearance.domain.PartyInfo;

/**
 * A party as ownership evidence names it: id, name, kind and country, the fields an auditor needs to find
 * it in the registry. Owners, hops and stake removals repeat these four fields first.
 */
public record PartyEvidence(String partyId, String name, String kind, String country) {

    public static PartyEvidence of(PartyInfo party) {
        return new PartyEvidence(party.id(), party.name(), party.kind().name(), party.country());
    }
}
