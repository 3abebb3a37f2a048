package io.clearance.gateway.authzen;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.clearance.decision.Decision;
import io.clearance.decision.Outcome;
import io.clearance.problem.Refusal;
import java.util.List;

/**
 * An AuthZEN Decision: {@code decision} is {@code true} only for PERMIT (REVIEW and DENY are {@code
 * false}: the request must not go forward), and {@code context} says which Clearance decision this is and
 * why, or, for one evaluation of several that could not be decided, the error.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuthZenDecision(boolean decision, Context context) {

    /** The response context Clearance fills. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Context(
            @JsonProperty("decision_id") String decisionId,
            String outcome,
            @JsonProperty("policy_version") String policyVersion,
            @JsonProperty("registry_version") Long registryVersion,
            List<ReasonView> reasons,
            List<AdviceView> advice,
            Error error,
            String code,
            String reason) {

        /** The same context, marked as the one that ended a short-circuiting evaluations request. */
        Context stoppedBy(String semantic) {
            return new Context(
                    decisionId, outcome, policyVersion, registryVersion, reasons, advice, error, "200", semantic);
        }
    }

    /**
     * Advice given beside the outcome (it never changes {@code decision}): a PEP may act on its code, e.g.
     * start enhanced due diligence for a permitted organisation. Evidence stays in the audit record.
     */
    public record AdviceView(String rule, String clause, String code, String message) {}

    /** Why: the rule, the clause of the written policy, the sentence. Evidence stays in the audit record. */
    public record ReasonView(String rule, String clause, String message) {}

    /** One evaluation of several that was refused: what a 4xx answer would have said. */
    public record Error(int status, String code, String message) {}

    static AuthZenDecision of(Decision decision) {
        return new AuthZenDecision(
                decision.decision() == Outcome.PERMIT,
                new Context(
                        decision.decisionId(),
                        decision.decision().name(),
                        decision.policyVersion(),
                        decision.registryVersion(),
                        decision.reasons().stream()
                                .map(r -> new ReasonView(r.rule(), r.clause(), r.message()))
                                .toList(),
                        decision.advice().isEmpty()
                                ? null
                                : decision.advice().stream()
                                        .map(a -> new AdviceView(a.rule(), a.clause(), a.code(), a.message()))
                                        .toList(),
                        null,
                        null,
                        null));
    }

    /** A refused evaluation among several: closed, with its error (the specification's per-item errors). */
    static AuthZenDecision refused(Refusal refusal, String decisionId) {
        return new AuthZenDecision(
                false,
                new Context(
                        decisionId,
                        null,
                        null,
                        null,
                        null,
                        null,
                        new Error(refusal.code().status(), refusal.code().code(), refusal.detail()),
                        null,
                        null));
    }

    AuthZenDecision stoppedBy(String semantic) {
        return new AuthZenDecision(decision, context.stoppedBy(semantic));
    }
}
