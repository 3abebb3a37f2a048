package io.clearance.api;

import io.clearance.problem.ErrorCode;
import io.clearance.problem.Refusal;

/** Thrown by resources to answer a request with a problem; mapped by {@link ProblemMappers}. */
public final class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final ErrorCode code;

    public ProblemException(ErrorCode code, String detail) {
        super(detail);
        this.problem = Problem.of(code, detail);
        this.code = code;
    }

    public Problem problem() {
        return problem;
    }

    /** The refusal this problem stands for. */
    public Refusal refusal() {
        return new Refusal(code, problem.detail());
    }
}
