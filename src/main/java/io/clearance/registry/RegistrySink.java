package io.clearance.registry;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.StakeTerms;

/**
 * Where a whole registry is poured: every file reader ({@code registry/io}), the synthetic generator and
 * the bulk import write into one. Parties always arrive before the stakes that name them.
 */
public interface RegistrySink {

    void party(PartyInfo party);

    void stake(String ownedId, String ownerId, StakeTerms terms);
}
