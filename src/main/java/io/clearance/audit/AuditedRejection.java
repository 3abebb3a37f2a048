package io.clearance.audit;

/**
 * A rejected decision request that has been logged: carries the failure to the problem mapper, and the
 * decision id the answer names in the {@value DecisionAuditor#DECISION_ID_HEADER} header.
 */
public final class AuditedRejection extends RuntimeException {

    private final String decisionId;

    public AuditedRejection(String decisionId, RuntimeException cause) {
        super(cause.getMessage(), cause, false, false);
        this.decisionId = decisionId;
    }

    public String decisionId() {
        return decisionId;
    }
}
