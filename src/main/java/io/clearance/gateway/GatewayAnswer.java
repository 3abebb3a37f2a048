package io.clearance.gateway;

import io.clearance.api.Problem;
import io.clearance.decision.Decision;

/** What a gateway request came to, already logged: a decision, or a refusal of the request itself. */
public sealed interface GatewayAnswer {

    /** The logged decision's id, which every interface hands back to the gateway. */
    String decisionId();

    /** The rules decided (PERMIT, REVIEW or DENY). */
    record Decided(Decision decision) implements GatewayAnswer {
        @Override
        public String decisionId() {
            return decision.decisionId();
        }
    }

    /** The request was refused before the rules ran (a 4xx problem), and logged as a rejection. */
    record Refused(Problem problem, String decisionId) implements GatewayAnswer {}
}
