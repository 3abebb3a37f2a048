package io.clearance.audit;

/** The audit log could not record a decision; the decision must not be answered (answered implies logged). */
public final class AuditUnavailableException extends RuntimeException {

    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
