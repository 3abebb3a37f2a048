package io.clearance.engine;

import java.util.List;
import java.util.stream.Collectors;

/** A rule set that cannot be served, with every reason at once, sorted by position. */
public final class RuleSetRejectedException extends RuntimeException {

    private final List<CompileError> errors;

    public RuleSetRejectedException(List<CompileError> errors) {
        super(errors.size() + " error(s) in the rule set:\n"
                + errors.stream().map(CompileError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<CompileError> errors() {
        return errors;
    }
}
