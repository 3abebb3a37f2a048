package io.clearance.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A decision as answered and kept: immutable, identified, tied to the exact rule set and registry state
 * that produced it, and carrying every reason that determined it.
 *
 * @param policyVersion content hash of the rule files and written policy that decided
 * @param registryVersion the state of the ownership graph the decision read
 * @param at the instant decided for when the request named one (bans and stakes in force then); null: now
 * @param advice what advising rules attached, whatever the outcome; always present, empty when none, so that
 *     a client reads one shape and an auditor tells "no advice" from a record older than advice
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
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant at,
        List<Reason> reasons,
        List<Advice> advice) {

    public Decision {
        advice = advice == null ? List.of() : List.copyOf(advice);
    }

    /** The codes of the advice, in the order the rules gave it. */
    public List<String> adviceCodes() {
        return advice.stream().map(Advice::code).toList();
    }
}
