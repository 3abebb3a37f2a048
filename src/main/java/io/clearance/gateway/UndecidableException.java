package io.clearance.gateway;

import io.clearance.api.Problem;

/**
 * Clearance could not decide (the rules failed, the audit log is unavailable, anything unexpected): every
 * gateway interface answers it as an error (503, gRPC {@code UNAVAILABLE}) that the gateway turns into a
 * refusal, never a permission.
 */
public final class UndecidableException extends RuntimeException {

    private final transient Problem problem;

    UndecidableException(Problem problem, Throwable cause) {
        super(problem.detail(), cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
