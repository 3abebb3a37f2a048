package io.clearance.ownership;

import io.clearance.domain.ControlBasis;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import java.util.Set;

/**
 * What the rules ask the ownership service to compute: which parties seed the restriction (their kind
 * and the banned jurisdictions they sit in, as in force at the instant decided on), the threshold an
 * aggregate of restricted stakes must pass, which kinds of control restrict without a percentage, and
 * whether the upper bound counts the share the registry cannot account for. The policy lives in DRL;
 * this is its translation into what the graph walk needs.
 *
 * @param controlBits the {@link ControlBasis#bit()}s through which a restricted controller restricts
 * @param countsUnaccounted the upper bound counts what a party's recorded stakes leave unaccounted as held
 *     by restricted parties (only for a party with at least one recorded stake in force)
 */
public record RestrictionCriteria(
        Set<String> bannedJurisdictions,
        Set<PartyKind> seedKinds,
        long threshold,
        Comparison comparison,
        int controlBits,
        boolean countsUnaccounted) {

    public RestrictionCriteria {
        bannedJurisdictions = Set.copyOf(bannedJurisdictions);
        seedKinds = Set.copyOf(seedKinds);
    }

    /** Shares only: no control counts, unknown holders clean. */
    public RestrictionCriteria(
            Set<String> bannedJurisdictions, Set<PartyKind> seedKinds, long threshold, Comparison comparison) {
        this(bannedJurisdictions, seedKinds, threshold, comparison, 0, false);
    }

    /** A seed is restricted on its own account, whoever owns it. */
    public boolean isSeed(PartyInfo party) {
        return seedKinds.contains(party.kind()) && bannedJurisdictions.contains(party.country());
    }

    /** Individuals are never restricted through ownership; only institutions are. */
    public boolean canBeRestrictedByOwnership(PartyInfo party) {
        return party.kind().isOrganisation();
    }
}
