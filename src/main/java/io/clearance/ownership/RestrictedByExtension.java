package io.clearance.ownership;

import io.clearance.registry.PartyInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Restriction by extension, as OFAC's 50% rule is practised: a party is restricted when it is a seed, or
 * when restricted parties together hold more than the threshold of it, each with its whole stake. An owner
 * that is not itself restricted passes nothing on.
 *
 * <p>The result is the least fixpoint: a restriction is always grounded in a seed, so cycles terminate and
 * never restrict a party through itself alone. A party's status depends only on its ancestors, so one
 * evaluation walks the ancestor closure of the party and nothing else.
 */
public final class RestrictedByExtension {

    private final OwnershipGraph graph;
    private final RestrictionCriteria criteria;

    public RestrictedByExtension(OwnershipGraph graph, RestrictionCriteria criteria) {
        this.graph = graph;
        this.criteria = criteria;
    }

    /** Evaluates one party present in the graph. */
    public ExtensionFinding evaluate(String partyId) {
        return graph.read(() -> {
            int target = graph.indexOf(partyId);
            if (target < 0) {
                throw new IllegalArgumentException("no party `" + partyId + "` in the ownership graph");
            }
            return new Walk(target).run();
        });
    }

    /** One evaluation; lives inside the graph's read lock. */
    private final class Walk {

        private final int target;
        private final Set<Integer> ancestors = new HashSet<>();
        // rank 0: seeds; rank k: restricted by owners of rank below k. Absent: not restricted.
        private final Map<Integer, Integer> rank = new HashMap<>();

        Walk(int target) {
            this.target = target;
        }

        ExtensionFinding run() {
            collectAncestors();
            computeLeastFixpoint();
            PartyInfo party = graph.partyAt(target);
            long aggregate = restrictedShareOf(target, Integer.MAX_VALUE);
            boolean exceeded = criteria.canBeRestrictedByOwnership(party) && criteria.exceeds(aggregate);
            List<RestrictedOwner> owners = proofOwners(target, Integer.MAX_VALUE, new HashSet<>());
            List<OwnershipPath> paths = new ArrayList<>();
            boolean truncated = collectPaths(target, Integer.MAX_VALUE, new ArrayList<>(), new ArrayList<>(), paths);
            paths.sort(Comparator.comparingLong(OwnershipPath::contribution).reversed());
            return new ExtensionFinding(party, criteria, aggregate, exceeded, owners, List.copyOf(paths), truncated);
        }

        private void collectAncestors() {
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            ancestors.add(target);
            queue.add(target);
            while (!queue.isEmpty()) {
                for (int owner : graph.ownersOf(queue.poll())) {
                    if (ancestors.add(owner)) {
                        queue.add(owner);
                    }
                }
            }
        }

        /** Kleene iteration in rounds, driven by a worklist of the holdings of newly restricted parties. */
        private void computeLeastFixpoint() {
            List<Integer> frontier = new ArrayList<>();
            for (int index : ancestors) {
                if (criteria.isSeed(graph.partyAt(index))) {
                    rank.put(index, 0);
                    frontier.add(index);
                }
            }
            for (int round = 1; !frontier.isEmpty(); round++) {
                Set<Integer> candidates = new HashSet<>();
                for (int restricted : frontier) {
                    for (int held : graph.holdingsOf(restricted)) {
                        if (ancestors.contains(held) && !rank.containsKey(held)) {
                            candidates.add(held);
                        }
                    }
                }
                List<Integer> next = new ArrayList<>();
                for (int candidate : candidates) {
                    if (criteria.canBeRestrictedByOwnership(graph.partyAt(candidate))
                            && criteria.exceeds(restrictedShareOf(candidate, round))) {
                        next.add(candidate);
                    }
                }
                // Assign ranks after the whole round so that a round only sees earlier rounds.
                for (int index : next) {
                    rank.put(index, round);
                }
                frontier = next;
            }
        }

        /** Sum of the stakes held in {@code index} by owners restricted at a rank below {@code belowRank}. */
        private long restrictedShareOf(int index, int belowRank) {
            int[] owners = graph.ownersOf(index);
            long[] shares = graph.sharesOf(index);
            long sum = 0;
            for (int k = 0; k < owners.length; k++) {
                Integer ownerRank = rank.get(owners[k]);
                if (ownerRank != null && ownerRank < belowRank) {
                    sum += shares[k];
                }
            }
            return sum;
        }

        /**
         * The restricted owners of {@code index} that ground it: for the target all of them, for an owner
         * only those of lower rank, which keeps the proof finite on cycles.
         */
        private List<RestrictedOwner> proofOwners(int index, int belowRank, Set<Integer> expanded) {
            int[] owners = graph.ownersOf(index);
            long[] shares = graph.sharesOf(index);
            List<RestrictedOwner> proof = new ArrayList<>();
            for (int k = 0; k < owners.length; k++) {
                int owner = owners[k];
                Integer ownerRank = rank.get(owner);
                if (ownerRank == null || ownerRank >= belowRank) {
                    continue;
                }
                PartyInfo party = graph.partyAt(owner);
                if (ownerRank == 0) {
                    proof.add(new RestrictedOwner(party, shares[k], true, 0, List.of(), false));
                } else if (!expanded.add(owner)) {
                    proof.add(new RestrictedOwner(party, shares[k], false, restrictedShareOf(owner, ownerRank), List.of(), true));
                } else {
                    proof.add(new RestrictedOwner(
                            party,
                            shares[k],
                            false,
                            restrictedShareOf(owner, ownerRank),
                            proofOwners(owner, ownerRank, expanded),
                            false));
                }
            }
            proof.sort(Comparator.comparingLong(RestrictedOwner::stake).reversed());
            return List.copyOf(proof);
        }

        /**
         * Depth-first over the proof edges, collecting seed-to-target chains. Returns true when it stopped
         * at {@link ExtensionFinding#MAX_PATHS}.
         */
        private boolean collectPaths(
                int index, int belowRank, List<Integer> chain, List<Long> stakes, List<OwnershipPath> paths) {
            int[] owners = graph.ownersOf(index);
            long[] shares = graph.sharesOf(index);
            chain.add(index);
            try {
                for (int k = 0; k < owners.length; k++) {
                    Integer ownerRank = rank.get(owners[k]);
                    if (ownerRank == null || ownerRank >= belowRank || chain.contains(owners[k])) {
                        continue;
                    }
                    stakes.add(shares[k]);
                    try {
                        if (ownerRank == 0) {
                            if (paths.size() == ExtensionFinding.MAX_PATHS) {
                                return true;
                            }
                            paths.add(toPath(owners[k], chain, stakes));
                        } else if (collectPaths(owners[k], ownerRank, chain, stakes, paths)) {
                            return true;
                        }
                    } finally {
                        stakes.remove(stakes.size() - 1);
                    }
                }
                return false;
            } finally {
                chain.remove(chain.size() - 1);
            }
        }

        /** chain runs target → … → the owner below the seed; stakes run alongside, seed's stake last. */
        private OwnershipPath toPath(int seed, List<Integer> chain, List<Long> stakes) {
            List<PartyInfo> parties = new ArrayList<>();
            parties.add(graph.partyAt(seed));
            for (int i = chain.size() - 1; i >= 0; i--) {
                parties.add(graph.partyAt(chain.get(i)));
            }
            List<Long> seedFirst = new ArrayList<>(stakes);
            java.util.Collections.reverse(seedFirst);
            return new OwnershipPath(List.copyOf(parties), List.copyOf(seedFirst));
        }
    }
}
