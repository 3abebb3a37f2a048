package io.clearance.decision;

import java.time.Instant;
import java.util.List;

/**
 * A decision as answered and kept: immutable, identified, tied to the exact rule set and registry state
 * that produced it, and carrying every reason that determined it.
 *
 * @param policyVersion content hash of the rule files and written policy that decided
 * @param registryVersion the state of the ownership graph the decision read
 */
public record Decision(
        String decisionId,
        Outcome decision,
        String policyVersion,
        long registryVersion,
        Instant decidedAt,
        String subject,
        String action,
        String onBehalfOf,
        List<Reason> reasons) {}
