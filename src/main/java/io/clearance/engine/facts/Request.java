package io.clearance.engine.facts;

import java.time.Instant;
import java.util.Objects;

/**
 * The request under decision: what the subject wants to do, whether it acts for an end customer, and the
 * instant it is decided for (now, unless the request names another): bans and stakes count as in force
 * then.
 */
public final class Request {

    private final String action;
    private final boolean onBehalfOf;
    private final Instant at;

    public Request(String action, boolean onBehalfOf, Instant at) {
        this.action = action;
        this.onBehalfOf = onBehalfOf;
        this.at = Objects.requireNonNull(at);
    }

    /** A request decided for now. */
    public Request(String action, boolean onBehalfOf) {
        this(action, onBehalfOf, Instant.now());
    }

    /** One of the actions of the v1 contract, e.g. {@code api.access}. */
    public String getAction() {
        return action;
    }

    public boolean isOnBehalfOf() {
        return onBehalfOf;
    }

    /** The instant decided for; rules pass it to {@code BannedJurisdiction.inForceAt}. */
    public Instant getAt() {
        return at;
    }
}
