package io.clearance.api;

/** Thrown by resources to answer a request with a problem; mapped by {@link ProblemMappers}. */
public final class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(int status, String code, String title, String detail) {
        super(detail);
        this.problem = Problem.of(status, code, title, detail);
    }

    public static ProblemException badRequest(String code, String detail) {
        return new ProblemException(400, code, "Invalid request", detail);
    }

    public Problem problem() {
        return problem;
    }
}
