package io.clearance.registry;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.StakeTerms;
import io.clearance.registry.identity.StatedIdentifier;
import java.time.Instant;
import java.util.List;

/**
 * Where a whole registry is poured: every file reader ({@code registry/io}), the synthetic generator and
 * the bulk import write into one. Parties always arrive before the stakes that name them.
 *
 * <p>The readers of published registries (GLEIF, UK PSC, BODS, OpenSanctions) also say where each record
 * came from and may close stakes a delta ends; a sink that does not keep provenance ignores it, and one that
 * cannot close stakes (the empty-registry bulk import) refuses the closing record.
 */
public interface RegistrySink {

    void party(PartyInfo party);

    void stake(String ownedId, String ownerId, StakeTerms terms);

    /** A party as {@code from} states it. */
    default void party(PartyInfo party, Provenance from) {
        party(party);
    }

    /**
     * A party a source only names (a UK PSC company is known by its number alone): recorded when the registry
     * does not hold it yet, never replacing what another record says of it.
     */
    default void partyIfAbsent(PartyInfo party, Provenance from) {
        party(party, from);
    }

    /**
     * The identifiers {@code from} states of a party it just stated (all of them: the ones that source stated
     * of it before and no longer does are dropped; an empty list, from a closed record, drops them all). A sink
     * that keeps no identifiers ignores them.
     */
    default void identifiers(String partyId, List<StatedIdentifier> identifiers, Provenance from) {}

    /** A stake as {@code from} states it. */
    default void stake(String ownedId, String ownerId, StakeTerms terms, Provenance from) {
        stake(ownedId, ownerId, terms);
    }

    /**
     * The stake {@code from} stated ended at {@code at} (a ceased PSC statement, an inactive GLEIF
     * relationship, a closed BODS record): it stays on record, in force until then.
     */
    default void endStake(String ownedId, String ownerId, Instant at, Provenance from) {
        throw new IllegalArgumentException("this import only fills an empty registry and cannot close the stake of `"
                + ownerId + "` in `" + ownedId + "`: import it into a running server (POST /v1/registry/imports)");
    }
}
