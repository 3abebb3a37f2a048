package io.clearance.engine;

import io.clearance.engine.facts.BannedJurisdiction;
import io.clearance.engine.facts.OwnershipMeasure;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The parameters a rule set declares in DRL (rules with no conditions that insert parameter facts), read
 * once when it compiles. The ownership service computes what these ask for.
 *
 * @param bans the banned jurisdictions with the dates they are in force, in the order the rules declare them
 */
public record PolicyParameters(
        List<BannedJurisdiction> bans, Set<String> restrictedActions, List<OwnershipMeasure> ownershipTests) {

    public PolicyParameters {
        // In the order the rules declare them, so that GET /v1/policy reads like the DRL.
        bans = List.copyOf(bans);
        restrictedActions = Collections.unmodifiableSet(new LinkedHashSet<>(restrictedActions));
        ownershipTests = List.copyOf(ownershipTests);
    }

    /** Every jurisdiction the rules ban at some time. */
    public Set<String> bannedJurisdictions() {
        Set<String> codes = new LinkedHashSet<>();
        bans.forEach(ban -> codes.add(ban.getCode()));
        return Collections.unmodifiableSet(codes);
    }

    /** The jurisdictions banned at {@code at}: those that seed the ownership restriction for that instant. */
    public Set<String> bannedAt(Instant at) {
        Set<String> codes = new LinkedHashSet<>();
        for (BannedJurisdiction ban : bans) {
            if (ban.inForceAt(at)) {
                codes.add(ban.getCode());
            }
        }
        return Collections.unmodifiableSet(codes);
    }
}
