package io.clearance.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.clearance.problem.ErrorCode;
import io.clearance.problem.Refusal;
import java.util.List;

/**
 * An error as every Clearance endpoint answers it: RFC 9457 problem details with a stable {@code code}
 * that clients branch on, and the text for people in {@code detail}. Never a stack trace.
 *
 * @param errors every individual problem, where there are several (compile errors of a rule set)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type, String title, int status, String code, String detail, String instance, List<?> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** The problem body of a refusal. */
    public static Problem of(Refusal refusal) {
        return of(refusal.code(), refusal.detail());
    }

    public static Problem of(ErrorCode code, String detail) {
        return new Problem(
                "/problems/" + code.code(), code.title(), code.status(), code.code(), capped(detail), null, null);
    }

    /** Most characters a detail holds: a message that repeats input never grows with the input. */
    static final int MAX_DETAIL = 2_000;

    private static String capped(String detail) {
        return detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + "…";
    }

    public Problem at(String path) {
        return new Problem(type, title, status, code, detail, path, errors);
    }

    public Problem withErrors(List<?> details) {
        return new Problem(type, title, status, code, detail, instance, details);
    }
}
