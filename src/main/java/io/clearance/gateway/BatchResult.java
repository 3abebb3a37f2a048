package io.clearance.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.clearance.api.Problem;
import io.clearance.decision.Decision;
import java.util.List;

/**
 * One item of a batch's answer, in the order of the request: the decision (status 200) or the problem that
 * {@code POST /v1/decisions} would have answered for that item, with the decision id it was logged under.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchResult(int status, Decision decision, String decisionId, Problem problem) {

    /** The answer of {@code POST /v1/decisions/batch}. */
    public record Results(List<BatchResult> results) {}
}
