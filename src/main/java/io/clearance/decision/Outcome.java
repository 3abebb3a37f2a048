package io.clearance.decision;

/** What a decision answers. */
public enum Outcome {
    PERMIT,
    DENY
}
