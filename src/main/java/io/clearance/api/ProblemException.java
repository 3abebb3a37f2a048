package io.clearance.api;

import io.clearance.problem.ErrorCode;

/** Thrown by resources to answer a request with a problem; mapped by {@link ProblemMappers}. */
public final class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(ErrorCode code, String detail) {
        super(detail);
        this.problem = Problem.of(code, detail);
    }

    /** @deprecated new codes go into {@link ErrorCode}; use {@link #ProblemException(ErrorCode, String)} */
    @Deprecated
    public ProblemException(int status, String code, String title, String detail) {
        super(detail);
        this.problem = Problem.of(status, code, title, detail);
    }

    /** @deprecated new codes go into {@link ErrorCode}; use {@link #ProblemException(ErrorCode, String)} */
    @Deprecated
    public static ProblemException badRequest(String code, String detail) {
        return new ProblemException(400, code, "Invalid request", detail);
    }

    public Problem problem() {
        return problem;
    }
}
