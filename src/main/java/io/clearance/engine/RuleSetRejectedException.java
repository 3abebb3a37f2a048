package io.clearance.engine;

import java.util.List;
import java.util.stream.Collectors;

/** A rule set that cannot be served, with every reason at once, sorted by position. */
public final class RuleSetRejectedException extends RuntimeException {

    private final List<CompileError> errors;
    private final String context;

    public RuleSetRejectedException(List<CompileError> errors) {
        this(errors, null);
    }

    /** @param context what an answer adds for people, e.g. which version keeps serving */
    public RuleSetRejectedException(List<CompileError> errors, String context) {
        super(errors.size() + " error(s) in the rule set" + (context == null ? "" : " (" + context + ")") + ":\n"
                + errors.stream().map(CompileError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
        this.context = context;
    }

    public String context() {
        return context;
    }

    public List<CompileError> errors() {
        return errors;
    }
}
