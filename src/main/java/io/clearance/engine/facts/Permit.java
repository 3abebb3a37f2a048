package io.clearance.engine.facts;

import java.util.Map;

/** A rule's finding that the request may proceed: an exemption, or the finding that no restriction applies. */
public final class Permit extends Verdict {

    private Permit(String message, Map<String, Object> evidence) {
        super(message, evidence);
    }

    public static Permit because(String message, Map<String, Object> evidence) {
        return new Permit(message, evidence);
    }

    @Override
    public Effect effect() {
        return Effect.PERMIT;
    }
}
