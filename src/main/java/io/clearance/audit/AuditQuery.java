package io.clearance.audit;

import java.time.Instant;

/**
 * What an auditor searches for, and what an export writes: search and export take the same query, so a filter
 * that narrows the list narrows the file alike. Every field is optional. {@code partyId} matches the subject or
 * the party it acted for, {@code rule} the name of a deciding rule, {@code clause} a clause of the written
 * policy cited by the answer's reasons or advice, {@code caller} who asked (as logged: {@code key:<id>},
 * {@code jwt:<subject>}, or the bare id or subject), {@code decision} PERMIT, REVIEW, DENY or REJECTED. {@code
 * from} and {@code to} are both inclusive.
 */
public record AuditQuery(
        String partyId,
        String action,
        String decision,
        String rule,
        String clause,
        String caller,
        String policyVersion,
        Instant from,
        Instant to) {}
