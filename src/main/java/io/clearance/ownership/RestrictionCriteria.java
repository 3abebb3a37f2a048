package io.clearance.ownership;

import io.clearance.registry.PartyInfo;
import io.clearance.registry.PartyKind;
import java.util.Set;

/**
 * What the rules ask the ownership service to compute: which parties seed the restriction (their kind
 * and the banned jurisdictions they sit in) and the threshold an aggregate of restricted stakes must pass.
 * The policy lives in DRL; this is its translation into what the graph walk needs.
 */
public record RestrictionCriteria(
        Set<String> bannedJurisdictions, Set<PartyKind> seedKinds, long threshold, Comparison comparison) {

    public RestrictionCriteria {
        bannedJurisdictions = Set.copyOf(bannedJurisdictions);
        seedKinds = Set.copyOf(seedKinds);
    }

    /** A seed is restricted on its own account, whoever owns it. */
    public boolean isSeed(PartyInfo party) {
        return seedKinds.contains(party.kind()) && bannedJurisdictions.contains(party.country());
    }

    /** Individuals are never restricted through ownership; only institutions are. */
    public boolean canBeRestrictedByOwnership(PartyInfo party) {
        return party.kind().isOrganisation();
    }

    public boolean exceeds(long aggregate) {
        return comparison.holds(aggregate, threshold);
    }
}
