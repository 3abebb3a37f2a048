package io.clearance.engine.facts;

/**
 * What a deciding rule inserts: the effect, a sentence an auditor can read, and the evidence behind it.
 * Which rule inserted it, and so which clause it cites, the engine records as the rule fires.
 */
public abstract class Verdict {

    private final String message;
    private final Evidence evidence;

    protected Verdict(String message, Evidence evidence) {
        this.message = message;
        this.evidence = evidence == null ? Evidence.none() : evidence;
    }

    public abstract Effect effect();

    public String getMessage() {
        return message;
    }

    public Evidence getEvidence() {
        return evidence;
    }

    /** The effects a rule can have; the engine combines them: a denial overrides a review, a review a permission. */
    public enum Effect {
        PERMIT,
        REVIEW,
        DENY
    }
}
