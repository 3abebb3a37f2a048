package io.clearance.engine.facts;

/** A rule's finding that the request may proceed: an exemption, or the finding that no restriction applies. */
public final class Permit extends Verdict {

    private Permit(String message, Evidence evidence) {
        super(message, evidence);
    }

    public static Permit because(String message, Evidence evidence) {
        return new Permit(message, evidence);
    }

    @Override
    public Effect effect() {
        return Effect.PERMIT;
    }
}
