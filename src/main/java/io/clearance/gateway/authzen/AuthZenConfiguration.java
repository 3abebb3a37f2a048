package io.clearance.gateway.authzen;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The Policy Decision Point metadata served at {@code /.well-known/authzen-configuration}. */
public record AuthZenConfiguration(
        @JsonProperty("policy_decision_point") String policyDecisionPoint,
        @JsonProperty("access_evaluation_endpoint") String accessEvaluationEndpoint,
        @JsonProperty("access_evaluations_endpoint") String accessEvaluationsEndpoint) {

    static AuthZenConfiguration at(String baseUrl) {
        return new AuthZenConfiguration(baseUrl, baseUrl + "/access/v1/evaluation", baseUrl + "/access/v1/evaluations");
    }
}
