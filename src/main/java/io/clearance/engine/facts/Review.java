package io.clearance.engine.facts;

/**
 * A rule's finding that the request needs a person's review before it proceeds: neither refused nor
 * cleared. A denial overrides it; it overrides permissions.
 */
public final class Review extends Verdict {

    private Review(String message, Evidence evidence) {
        super(message, evidence);
    }

    public static Review because(String message, Evidence evidence) {
        return new Review(message, evidence);
    }

    @Override
    public Effect effect() {
        return Effect.REVIEW;
    }
}
