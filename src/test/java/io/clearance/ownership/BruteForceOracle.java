package io.clearance.ownership;

import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.ownership.index.RestrictedByExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Restriction by extension computed the slow, obvious way, as a reference for {@link RestrictedByExtension}:
 * start from nobody restricted and apply "restricted := seeds ∪ {organisations whose restricted owners
 * together pass the threshold}" to every party at once until nothing changes. That Kleene iteration from
 * the empty set reaches the least fixpoint, which is the semantics the production walk promises.
 *
 * <p>It shares no code with the production walk: it reads only the plain values of the criteria (not
 * {@link RestrictionCriteria#isSeed} or {@link Comparison#holds}) and works on its own graph description
 * instead of {@link OwnershipGraph}.
 */
final class BruteForceOracle {

    /** A party as the oracle sees it. */
    record Party(String id, PartyKind kind, String country) {}

    /** {@code ownerId} holds {@code share} (in {@link Share} units) of {@code ownedId}. */
    record Stake(String ownerId, String ownedId, long share) {}

    private final Set<String> seeds = new HashSet<>();
    private final Set<String> organisations = new HashSet<>();
    private final Map<String, List<Stake>> stakesInto = new HashMap<>();
    private final Set<String> restricted;
    private final long threshold;
    private final boolean inclusive;
    private final int rounds;

    private BruteForceOracle(List<Party> parties, List<Stake> stakes, RestrictionCriteria criteria) {
        this.threshold = criteria.threshold();
        this.inclusive = switch (criteria.comparison()) {
            case GREATER_THAN -> false;
            case AT_LEAST -> true;
        };
        for (Party party : parties) {
            stakesInto.put(party.id(), new ArrayList<>());
            if (party.kind() != PartyKind.INDIVIDUAL) {
                organisations.add(party.id());
            }
            if (criteria.seedKinds().contains(party.kind())
                    && criteria.bannedJurisdictions().contains(party.country())) {
                seeds.add(party.id());
            }
        }
        for (Stake stake : stakes) {
            stakesInto.get(stake.ownedId()).add(stake);
        }

        Set<String> current = new HashSet<>();
        int round = 0;
        while (true) {
            round++;
            Set<String> next = new HashSet<>(seeds);
            for (Party party : parties) {
                if (organisations.contains(party.id()) && passes(sumFrom(current, party.id()))) {
                    next.add(party.id());
                }
            }
            if (next.equals(current)) {
                break;
            }
            current = next;
        }
        this.restricted = Set.copyOf(current);
        this.rounds = round;
    }

    /** Solves the whole graph once; stakes must not repeat an (owner, owned) pair. */
    static BruteForceOracle solve(List<Party> parties, List<Stake> stakes, RestrictionCriteria criteria) {
        return new BruteForceOracle(parties, stakes, criteria);
    }

    boolean isSeed(String id) {
        return seeds.contains(id);
    }

    boolean isRestricted(String id) {
        return restricted.contains(id);
    }

    Set<String> restricted() {
        return restricted;
    }

    /** What restricted owners hold of the party, whether or not the party is a seed itself. */
    long restrictedShare(String id) {
        return sumFrom(restricted, id);
    }

    /** The production meaning of {@code exceeded}: an organisation whose restricted owners pass the threshold. */
    boolean exceeded(String id) {
        return organisations.contains(id) && passes(restrictedShare(id));
    }

    /** The restricted direct owners of a party and their stakes. */
    Map<String, Long> restrictedOwners(String id) {
        Map<String, Long> owners = new HashMap<>();
        for (Stake stake : stakesInto.get(id)) {
            if (restricted.contains(stake.ownerId())) {
                owners.put(stake.ownerId(), stake.share());
            }
        }
        return owners;
    }

    /** How many rounds the iteration took, the last one confirming that nothing changed. */
    int rounds() {
        return rounds;
    }

    private long sumFrom(Set<String> owners, String id) {
        long sum = 0;
        for (Stake stake : stakesInto.get(id)) {
            if (owners.contains(stake.ownerId())) {
                sum += stake.share();
            }
        }
        return sum;
    }

    private boolean passes(long sum) {
        return inclusive ? sum >= threshold : sum > threshold;
    }
}
