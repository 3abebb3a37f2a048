package io.clearance.registry.outbox;

import io.clearance.domain.CustomerLink;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.StakeTerms;
import io.clearance.ownership.graph.OwnershipGraph;
import java.util.List;

/**
 * One committed change to the registry as the outbox carries it: what it changed and everything an instance
 * needs to apply it to its graph without reading the registry again. {@code seq} is the registry version the
 * change raised the registry to (0 until it is recorded).
 *
 * @param partyId the party changed; for a stake, the owned party; for a customer relationship, the reseller
 * @param otherId for a stake, the owner; for a customer relationship, the customer; else null
 * @param party the party as stored ({@link Kind#PARTY_PUT})
 * @param reseller whether the party is declared a reseller, as stored ({@link Kind#PARTY_PUT})
 * @param terms the stake as stored ({@link Kind#STAKE_PUT})
 * @param link the relationship as stored ({@link Kind#CUSTOMER_PUT})
 * @param imported the import a {@link Kind#RELOAD} committed; null for an older row that did not say
 */
public record RegistryChange(
        long seq,
        Kind kind,
        String partyId,
        String otherId,
        PartyInfo party,
        Boolean reseller,
        StakeTerms terms,
        CustomerLink link,
        Imported imported) {

    /**
     * The import a reload row records, so that every instance, not only the one that ran it, can name the
     * import that changed its graph.
     *
     * @param job the import job's id; null for an import run with the server stopped (it had no job)
     * @param format the file's format by its wire name; null when the importer did not say
     */
    public record Imported(String job, String format) {}

    /** What a change did; {@link #RELOAD} (a bulk import) says only "load the whole registry again". */
    public enum Kind {
        PARTY_PUT,
        PARTY_DELETED,
        STAKE_PUT,
        STAKE_DELETED,
        CUSTOMER_PUT,
        CUSTOMER_DELETED,
        RELOAD
    }

    public static RegistryChange partyPut(PartyInfo party, boolean reseller) {
        return new RegistryChange(0, Kind.PARTY_PUT, party.id(), null, party, reseller, null, null, null);
    }

    public static RegistryChange partyDeleted(String id) {
        return new RegistryChange(0, Kind.PARTY_DELETED, id, null, null, null, null, null, null);
    }

    public static RegistryChange stakePut(String ownedId, String ownerId, StakeTerms terms) {
        return new RegistryChange(0, Kind.STAKE_PUT, ownedId, ownerId, null, null, terms, null, null);
    }

    public static RegistryChange stakeDeleted(String ownedId, String ownerId) {
        return new RegistryChange(0, Kind.STAKE_DELETED, ownedId, ownerId, null, null, null, null, null);
    }

    public static RegistryChange customerPut(CustomerLink link) {
        return new RegistryChange(
                0, Kind.CUSTOMER_PUT, link.resellerId(), link.customerId(), null, null, null, link, null);
    }

    public static RegistryChange customerDeleted(String resellerId, String customerId) {
        return new RegistryChange(0, Kind.CUSTOMER_DELETED, resellerId, customerId, null, null, null, null, null);
    }

    /** A reload that names no import (as rows recorded before imports were named read back). */
    public static RegistryChange reload() {
        return reload(null);
    }

    /** The reload an import's commit records: every instance loads the registry again and names {@code imported}. */
    public static RegistryChange reload(Imported imported) {
        return new RegistryChange(0, Kind.RELOAD, null, null, null, null, null, null, imported);
    }

    RegistryChange at(long seq) {
        return new RegistryChange(seq, kind, partyId, otherId, party, reseller, terms, link, imported);
    }

    /**
     * Applies this change to {@code graph}, as the writing instance did to its own; call inside
     * {@link OwnershipGraph#applyAt}. A {@link Kind#RELOAD} is the follower's to do (it reads the registry).
     */
    void applyTo(OwnershipGraph graph) {
        switch (kind) {
            case PARTY_PUT -> {
                graph.customers().setReseller(partyId, Boolean.TRUE.equals(reseller));
                graph.putParty(party);
            }
            case PARTY_DELETED -> {
                graph.customers().removeParty(partyId); // its relationships went with it (on delete cascade)
                graph.removeParty(partyId);
            }
            case STAKE_PUT -> graph.putStake(partyId, otherId, terms);
            case STAKE_DELETED -> graph.removeStake(partyId, otherId);
            case CUSTOMER_PUT -> graph.changeCustomers(() -> graph.customers().put(link), List.of(partyId, otherId));
            case CUSTOMER_DELETED ->
                graph.changeCustomers(() -> graph.customers().remove(partyId, otherId), List.of(partyId, otherId));
            case RELOAD -> throw new IllegalStateException("a reload is not applied change by change");
        }
    }
}
