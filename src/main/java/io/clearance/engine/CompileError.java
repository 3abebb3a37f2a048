package io.clearance.engine;

import java.util.Comparator;

/**
 * One problem that keeps a rule set from being served, at its position in a rule file. Line and column
 * are 1-based; 0 when the problem has no position (a missing file, say).
 */
public record CompileError(String file, int line, int column, String message) {

    /** Cerbos' order: by file, then line, then column, so authors fix them top-down. */
    public static final Comparator<CompileError> BY_POSITION = Comparator.comparing(CompileError::file)
            .thenComparingInt(CompileError::line)
            .thenComparingInt(CompileError::column)
            .thenComparing(CompileError::message);

    /** OPA's shape: {@code rules/ownership.drl:12:5: message}. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
