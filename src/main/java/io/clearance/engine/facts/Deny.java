package io.clearance.engine.facts;

/** A rule's finding that the request must be refused. Any denial decides the request. */
public final class Deny extends Verdict {

    private Deny(String message, Evidence evidence) {
        super(message, evidence);
    }

    public static Deny because(String message, Evidence evidence) {
        return new Deny(message, evidence);
    }

    @Override
    public Effect effect() {
        return Effect.DENY;
    }
}
