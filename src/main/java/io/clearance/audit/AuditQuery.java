package io.clearance.audit;

import java.time.Instant;

/**
 * What an auditor searches for; every field optional. {@code partyId} matches the subject or the party it
 * acted for, {@code rule} the name of a deciding rule, {@code decision} PERMIT, REVIEW, DENY or REJECTED.
 */
public record AuditQuery(
        String partyId, String action, String decision, String rule, String policyVersion, Instant from, Instant to) {}
