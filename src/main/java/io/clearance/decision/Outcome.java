package io.clearance.decision;

/** What a decision answers; a denial overrides a review, a review overrides a permission. */
public enum Outcome {
    PERMIT,
    /** Neither refused nor cleared: a person must review the request before it proceeds. */
    REVIEW,
    DENY
}
