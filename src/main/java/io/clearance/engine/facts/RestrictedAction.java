package io.clearance.engine.facts;

/** A policy parameter declared in DRL: an action the bans and the ownership rule apply to. */
public final class RestrictedAction {

    private final String action;

    public RestrictedAction(String action) {
        this.action = action;
    }

    public String getAction() {
        return action;
    }
}
