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

    /** @deprecated new codes go into {@link ErrorCode}; use {@link #ProblemException(ErrorCode, String)} */
    @Deprecated
    public ProblemException(int status, String code, String title, String detail) {
        super(detail);
        this.problem = Problem.of(status, code, title, detail);
        this.code = ErrorCode.of(code, status).orElse(null);
    }

    /** @deprecated new codes go into {@link ErrorCode}; use {@link #ProblemException(ErrorCode, String)} */
    @Deprecated
    public static ProblemException badRequest(String code, String detail) {
        return new ProblemException(400, code, "Invalid request", detail);
    }

    public Problem problem() {
        return problem;
    }

    /** The refusal this problem stands for; {@code null} for a code not (yet) in {@link ErrorCode}. */
    public Refusal refusal() {
        return code == null ? null : new Refusal(code, problem.detail());
    }
}
