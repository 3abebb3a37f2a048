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
import java.util.stream.IntStream;

/**
 * Restriction by extension, as OFAC's 50% rule is practised: a party is restricted when it is a seed, or
 * when restricted parties together hold more than the threshold of it, each with its whole stake. An owner
 * that is not itself restricted passes nothing on.
 *
 * <p>The result is the least fixpoint: a restriction is always grounded in a seed, so cycles terminate and
 * never restrict a party through itself alone. Which parties are restricted is kept for the whole graph
 * by a {@link RestrictionIndex}; one evaluation reads its direct owners' statuses and, only when the
 * party is restricted, walks its restricted ancestors to build the proof.
 */
public final class RestrictedByExtension {

    private final OwnershipGraph graph;
    private final RestrictionCriteria criteria;

    /** Call outside the graph's read lock: the first use of a criteria computes its index over the whole graph. */
    public RestrictedByExtension(OwnershipGraph graph, RestrictionCriteria criteria) {
        this.graph = graph;
        this.criteria = criteria;
        graph.prepareIndex(criteria);
    }

    /** Evaluates one party present in the graph. */
    public ExtensionFinding evaluate(String partyId) {
        return graph.read(() -> {
            int target = graph.indexOf(partyId);
            if (target < 0) {
                throw new IllegalArgumentException("no party `" + partyId + "` in the ownership graph");
            }
            return new Walk(target, graph.index(criteria)).run();
        });
    }

    /** One evaluation; lives inside the graph's read lock. */
    private final class Walk {

        private final int target;
        private final RestrictionIndex index;
        // The target and its restricted ancestors: the only parties a proof can name.
        private final Set<Integer> ancestors = new HashSet<>();
        // rank 0: seeds; rank k: restricted by owners of rank below k. Absent: not restricted.
        private final Map<Integer, Integer> rank = new HashMap<>();
        // Owners from which no path reaches a seed without passing through the target.
        private final Set<Integer> barren = new HashSet<>();

        Walk(int target, RestrictionIndex index) {
            this.target = target;
            this.index = index;
        }

        ExtensionFinding run() {
            PartyInfo party = graph.partyAt(target);
            long aggregate = index.restrictedShareOf(target);
            boolean exceeded = criteria.canBeRestrictedByOwnership(party) && criteria.exceeds(aggregate);
            if (!exceeded) {
                // Below the threshold the evidence is the direct restricted owners; no proof to build.
                return new ExtensionFinding(party, criteria, aggregate, false, directRestrictedOwners(), List.of(), false);
            }
            collectAncestors();
            computeLeastFixpoint();
            List<RestrictedOwner> owners = proofOwners(target, Integer.MAX_VALUE, new HashSet<>());
            List<OwnershipPath> paths = new ArrayList<>();
            boolean truncated = collectPaths(target, Integer.MAX_VALUE, new ArrayList<>(), new ArrayList<>(), paths);
            paths.sort(Comparator.comparingLong(OwnershipPath::contribution).reversed());
            return new ExtensionFinding(party, criteria, aggregate, exceeded, owners, List.copyOf(paths), truncated);
        }

        /** The restricted ancestors: a restricted party's restriction rests on restricted owners only. */
        private void collectAncestors() {
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            ancestors.add(target);
            queue.add(target);
            while (!queue.isEmpty()) {
                for (int owner : graph.ownersOf(queue.poll())) {
                    if (index.isRestricted(owner) && ancestors.add(owner)) {
                        queue.add(owner);
                    }
                }
            }
        }

        /** The target's restricted owners with their stakes, largest first, each marked seed or extension. */
        private List<RestrictedOwner> directRestrictedOwners() {
            int[] owners = graph.ownersOf(target);
            long[] shares = graph.sharesOf(target);
            List<RestrictedOwner> direct = new ArrayList<>();
            for (int k = 0; k < owners.length; k++) {
                if (index.isRestricted(owners[k])) {
                    PartyInfo owner = graph.partyAt(owners[k]);
                    boolean seed = criteria.isSeed(owner);
                    direct.add(new RestrictedOwner(owner, shares[k], seed, seed ? 0 : index.restrictedShareOf(owners[k]), List.of(), false));
                }
            }
            direct.sort(Comparator.comparingLong(RestrictedOwner::stake).reversed());
            return List.copyOf(direct);
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
            // A path contributes the target's own stake in it, so visiting the target's owners largest
            // stake first makes the paths kept at MAX_PATHS the largest contributions.
            int[] order = index == target ? byStakeDescending(shares) : identity(shares.length);
            chain.add(index);
            try {
                for (int k : order) {
                    Integer ownerRank = rank.get(owners[k]);
                    if (ownerRank == null
                            || ownerRank >= belowRank
                            || chain.contains(owners[k])
                            || barren.contains(owners[k])) {
                        continue;
                    }
                    stakes.add(shares[k]);
                    try {
                        if (ownerRank == 0) {
                            if (paths.size() == ExtensionFinding.MAX_PATHS) {
                                return true;
                            }
                            paths.add(toPath(owners[k], chain, stakes));
                        } else {
                            int found = paths.size();
                            if (collectPaths(owners[k], ownerRank, chain, stakes, paths)) {
                                return true;
                            }
                            // invariant: below the target's own owners ranks strictly fall, so the only
                            // party of the chain a deeper walk can meet is the target; an owner that led
                            // to no seed once leads to none from anywhere else in this walk. Without
                            // this, cycles back into the target make the search exponential.
                            if (paths.size() == found) {
                                barren.add(owners[k]);
                            }
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

    private static int[] byStakeDescending(long[] shares) {
        return IntStream.range(0, shares.length)
                .boxed()
                .sorted(Comparator.comparingLong((Integer k) -> shares[k]).reversed())
                .mapToInt(Integer::intValue)
                .toArray();
    }

    private static int[] identity(int length) {
        return IntStream.range(0, length).toArray();
    }
}
