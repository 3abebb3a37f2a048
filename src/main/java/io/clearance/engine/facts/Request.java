package io.clearance.engine.facts;

/** The request under decision: what the subject wants to do, and whether it acts for an end customer. */
public final class Request {

    private final String action;
    private final boolean onBehalfOf;

    public Request(String action, boolean onBehalfOf) {
        this.action = action;
        this.onBehalfOf = onBehalfOf;
    }

    /** One of the actions of the v1 contract, e.g. {@code api.access}. */
    public String getAction() {
        return action;
    }

    public boolean isOnBehalfOf() {
        return onBehalfOf;
    }
}
