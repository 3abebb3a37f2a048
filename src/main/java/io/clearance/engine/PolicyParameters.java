package io.clearance.engine;

import io.clearance.engine.facts.OwnershipTest;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The parameters a rule set declares in DRL (rules with no conditions that insert parameter facts), read
 * once when it compiles. The ownership service computes what these ask for.
 */
public record PolicyParameters(
        Set<String> bannedJurisdictions, Set<String> restrictedActions, List<OwnershipTest> ownershipTests) {

    public PolicyParameters {
        // In the order the rules declare them, so that GET /v1/policy reads like the DRL.
        bannedJurisdictions = Collections.unmodifiableSet(new LinkedHashSet<>(bannedJurisdictions));
        restrictedActions = Collections.unmodifiableSet(new LinkedHashSet<>(restrictedActions));
        ownershipTests = List.copyOf(ownershipTests);
    }
}
