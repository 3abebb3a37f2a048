package io.clearance.ownership.evidence;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.ownership.graph.StakeSource;
import java.util.List;

/**
 * One node of the proof that a party is restricted: a restricted owner, the stake it holds in the party
 * below it, and why it is restricted itself, down to the banned-jurisdiction seeds.
 *
 * @param stake the owner's direct share in the party below it at the finding's bound, in {@link Share} units
 * @param terms the whole stake as registered: its range, control and dates
 * @param source where the registry has the stake from (an import's source); null when typed through the API
 * @param seed true when the owner is restricted on its own account (its kind and jurisdiction)
 * @param restrictedShare for an owner restricted by extension, what restricted parties hold of it
 * @param owners the restricted owners that ground this one; empty for a seed, or when the same owner
 *     was already expanded elsewhere in the proof ({@code shownAbove})
 */
public record RestrictedOwner(
        PartyInfo party,
        long stake,
        StakeTerms terms,
        StakeSource source,
        boolean seed,
        long restrictedShare,
        List<RestrictedOwner> owners,
        boolean shownAbove) {}
