package io.clearance.engine;

/** The rules failed while deciding (a rule body threw, or rules looped): a fault of the rule set, not of the request. */
public final class RuleEvaluationException extends RuntimeException {

    public RuleEvaluationException(String message) {
        super(message);
    }

    public RuleEvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
