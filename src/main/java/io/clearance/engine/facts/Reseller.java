package io.clearance.engine.facts;

/**
 * Present when the subject is a party the registry declares a reseller ({@code "reseller": true}): it acts
 * for customers, so the reseller rules apply to it. Absent for every other subject.
 */
public final class Reseller {

    private final String partyId;

    public Reseller(String partyId) {
        this.partyId = partyId;
    }

    /** The subject's id: the reseller making the request. */
    public String getPartyId() {
        return partyId;
    }
}
