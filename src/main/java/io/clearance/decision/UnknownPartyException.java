package io.clearance.decision;

/** A request names a party the registry does not hold. */
public final class UnknownPartyException extends RuntimeException {

    private final String role;
    private final String partyId;

    public UnknownPartyException(String role, String partyId) {
        super("the " + role + " `" + partyId + "` is not in the registry");
        this.role = role;
        this.partyId = partyId;
    }

    /** Which field of the request named it: "subject" or "onBehalfOf". */
    public String role() {
        return role;
    }

    public String partyId() {
        return partyId;
    }
}
