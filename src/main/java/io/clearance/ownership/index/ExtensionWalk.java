package io.clearance.ownership.index;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.StakeTerms;
import io.clearance.ownership.RestrictionCriteria;
import io.clearance.ownership.evidence.ExtensionFinding;
import io.clearance.ownership.evidence.OwnershipPath;
import io.clearance.ownership.evidence.RestrictedOwner;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.ownership.graph.StakeSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * One evaluation of {@link RestrictedByExtension} for one party: reads the party's aggregate from a {@link
 * RestrictionIndex} and, when the party is restricted, walks its restricted ancestors to build the proof (the
 * restricted owners that carry it over the threshold, by rank from the seeds) and the largest paths from seeds.
 * Lives inside the graph's read lock; one per evaluation.
 */
final class ExtensionWalk {

    private final OwnershipGraph graph;
    private final RestrictionCriteria criteria;

    private final int target;
    private final RestrictionIndex index;
    private final StakeView view;
    // The target and its restricted ancestors: the only parties a proof can name.
    private final Set<Integer> ancestors = new HashSet<>();
    // rank 0: seeds; rank k: restricted by owners of rank below k. Absent: not restricted.
    private final Map<Integer, Integer> rank = new HashMap<>();
    // Owners from which no path reaches a seed without passing through the target.
    private final Set<Integer> barren = new HashSet<>();

    ExtensionWalk(OwnershipGraph graph, RestrictionCriteria criteria, int target, RestrictionIndex index) {
        this.graph = graph;
        this.criteria = criteria;
        this.target = target;
        this.index = index;
        this.view = index.view();
    }

    /** @param proof whether to build the proof of a restriction (else the direct restricted owners only) */
    ExtensionFinding run(boolean proof) {
        PartyInfo party = graph.partyAt(target);
        StakeView.Sum aggregate = index.aggregate(target);
        // A seed is restricted on its own account; its owners are no proof of it.
        boolean exceeded = criteria.canBeRestrictedByOwnership(party) && view.passes(aggregate);
        if (!exceeded || !proof) {
            // Below the threshold the evidence is the direct restricted owners; no proof to build.
            return finding(party, aggregate, exceeded, directRestrictedOwners(), List.of(), false);
        }
        collectAncestors();
        computeLeastFixpoint();
        List<RestrictedOwner> owners = proofOwners();
        List<OwnershipPath> paths = new ArrayList<>();
        boolean truncated = collectPaths(paths);
        paths.sort(Comparator.comparingLong(OwnershipPath::contribution).reversed());
        return finding(party, aggregate, true, owners, List.copyOf(paths), truncated);
    }

    private ExtensionFinding finding(
            PartyInfo party,
            StakeView.Sum aggregate,
            boolean exceeded,
            List<RestrictedOwner> owners,
            List<OwnershipPath> paths,
            boolean truncated) {
        return new ExtensionFinding(
                party,
                criteria,
                view.bound(),
                aggregate.value(),
                aggregate.exclusive(),
                aggregate.unaccounted(),
                aggregate.controlled(),
                exceeded,
                owners,
                paths,
                truncated);
    }

    /** The restricted ancestors: a restricted party's restriction rests on restricted owners only. */
    private void collectAncestors() {
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        ancestors.add(target);
        queue.add(target);
        while (!queue.isEmpty()) {
            int node = queue.poll();
            int[] owners = graph.ownersOf(node);
            for (int k = 0; k < owners.length; k++) {
                if (index.isRestricted(owners[k]) && view.counts(node, k) && ancestors.add(owners[k])) {
                    queue.add(owners[k]);
                }
            }
        }
    }

    /** The target's restricted owners with their stakes, largest first, each marked seed or extension. */
    private List<RestrictedOwner> directRestrictedOwners() {
        int[] owners = graph.ownersOf(target);
        List<RestrictedOwner> direct = new ArrayList<>();
        for (int k = 0; k < owners.length; k++) {
            if (index.isRestricted(owners[k]) && view.counts(target, k)) {
                PartyInfo owner = graph.partyAt(owners[k]);
                boolean seed = criteria.isSeed(owner);
                direct.add(new RestrictedOwner(
                        owner,
                        view.share(target, k),
                        graph.termsOf(target, k),
                        graph.sourceOf(target, k),
                        seed,
                        seed ? 0 : index.aggregate(owners[k]).value(),
                        List.of(),
                        false));
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
                        && view.passes(aggregateOf(candidate, round))) {
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

    /** What owners restricted at a rank below {@code belowRank} hold of {@code index}. */
    private StakeView.Sum aggregateOf(int index, int belowRank) {
        return view.aggregate(index, owner -> {
            Integer ownerRank = rank.get(owner);
            return ownerRank != null && ownerRank < belowRank;
        });
    }

    private long restrictedShareOf(int index, int belowRank) {
        return aggregateOf(index, belowRank).value();
    }

    /**
     * The restricted owners of the target with, for each, the restricted owners that ground it: for the
     * target all of them, for an owner only those of lower rank, which keeps the proof finite on cycles.
     * An owner is expanded where the depth-first walk meets it first and marked shown above elsewhere.
     * Iterative, with an explicit stack: a chain of thousands of holdings is a proof thousands deep.
     */
    private List<RestrictedOwner> proofOwners() {
        Set<Integer> expanded = new HashSet<>();
        ArrayDeque<ProofFrame> stack = new ArrayDeque<>();
        stack.push(new ProofFrame(target, Integer.MAX_VALUE));
        while (true) {
            ProofFrame frame = stack.peek();
            int[] owners = graph.ownersOf(frame.index);
            if (frame.next < owners.length) {
                int k = frame.next++;
                int owner = owners[k];
                Integer ownerRank = rank.get(owner);
                if (ownerRank == null || ownerRank >= frame.belowRank || !view.counts(frame.index, k)) {
                    continue;
                }
                long stake = view.share(frame.index, k);
                StakeTerms terms = graph.termsOf(frame.index, k);
                StakeSource source = graph.sourceOf(frame.index, k);
                PartyInfo party = graph.partyAt(owner);
                if (ownerRank == 0) {
                    frame.proof.add(new RestrictedOwner(party, stake, terms, source, true, 0, List.of(), false));
                } else if (!expanded.add(owner)) {
                    frame.proof.add(new RestrictedOwner(
                            party, stake, terms, source, false, restrictedShareOf(owner, ownerRank), List.of(), true));
                } else {
                    frame.pendingStake = stake;
                    frame.pendingTerms = terms;
                    frame.pendingSource = source;
                    stack.push(new ProofFrame(owner, ownerRank));
                }
                continue;
            }
            stack.pop();
            frame.proof.sort(Comparator.comparingLong(RestrictedOwner::stake).reversed());
            List<RestrictedOwner> grounded = List.copyOf(frame.proof);
            ProofFrame below = stack.peek();
            if (below == null) {
                return grounded;
            }
            below.proof.add(new RestrictedOwner(
                    graph.partyAt(frame.index),
                    below.pendingStake,
                    below.pendingTerms,
                    below.pendingSource,
                    false,
                    restrictedShareOf(frame.index, frame.belowRank),
                    grounded,
                    false));
        }
    }

    /**
     * Depth-first over the proof edges, collecting seed-to-target chains; iterative, like the proof.
     * Returns true when it stopped at {@link ExtensionFinding#MAX_PATHS}.
     */
    private boolean collectPaths(List<OwnershipPath> paths) {
        // chain runs target → … → the party being expanded; stakes run alongside, one per hop taken.
        List<Integer> chain = new ArrayList<>();
        Set<Integer> onChain = new HashSet<>();
        List<Long> stakes = new ArrayList<>();
        ArrayDeque<PathFrame> stack = new ArrayDeque<>();
        // A path contributes the target's own stake in it, so visiting the target's owners largest
        // stake first makes the paths kept at MAX_PATHS the largest contributions.
        stack.push(new PathFrame(target, Integer.MAX_VALUE, byStakeDescending(target)));
        chain.add(target);
        onChain.add(target);
        while (!stack.isEmpty()) {
            PathFrame frame = stack.peek();
            int[] owners = graph.ownersOf(frame.index);
            if (frame.next < owners.length) {
                int k = frame.order == null ? frame.next : frame.order[frame.next];
                frame.next++;
                int owner = owners[k];
                Integer ownerRank = rank.get(owner);
                if (ownerRank == null
                        || ownerRank >= frame.belowRank
                        || onChain.contains(owner)
                        || barren.contains(owner)
                        || !view.counts(frame.index, k)) {
                    continue;
                }
                stakes.add(view.share(frame.index, k));
                if (ownerRank == 0) {
                    if (paths.size() == ExtensionFinding.MAX_PATHS) {
                        return true;
                    }
                    paths.add(toPath(owner, chain, stakes));
                    stakes.remove(stakes.size() - 1);
                } else {
                    frame.pathsBefore = paths.size();
                    frame.pendingOwner = owner;
                    stack.push(new PathFrame(owner, ownerRank, null));
                    chain.add(owner);
                    onChain.add(owner);
                }
                continue;
            }
            stack.pop();
            chain.remove(chain.size() - 1);
            onChain.remove(frame.index);
            PathFrame below = stack.peek();
            if (below != null) {
                stakes.remove(stakes.size() - 1);
                // invariant: below the target's own owners ranks strictly fall, so the only party of
                // the chain a deeper walk can meet is the target; an owner that led to no seed once
                // leads to none from anywhere else in this walk. Without this, cycles back into the
                // target make the search exponential.
                if (paths.size() == below.pathsBefore) {
                    barren.add(below.pendingOwner);
                }
            }
        }
        return false;
    }

    private int[] byStakeDescending(int owned) {
        return IntStream.range(0, graph.ownersOf(owned).length)
                .boxed()
                .sorted(Comparator.comparingLong((Integer k) -> view.share(owned, k))
                        .reversed())
                .mapToInt(Integer::intValue)
                .toArray();
    }

    /** chain runs target → … → the owner below the seed; stakes run alongside, seed's stake last. */
    private OwnershipPath toPath(int seed, List<Integer> chain, List<Long> stakes) {
        List<PartyInfo> parties = new ArrayList<>();
        parties.add(graph.partyAt(seed));
        for (int i = chain.size() - 1; i >= 0; i--) {
            parties.add(graph.partyAt(chain.get(i)));
        }
        List<Long> seedFirst = new ArrayList<>(stakes);
        Collections.reverse(seedFirst);
        return new OwnershipPath(List.copyOf(parties), List.copyOf(seedFirst));
    }

    /** A party of the proof being expanded: its next owner to look at, and what it found so far. */
    private static final class ProofFrame {
        final int index;
        final int belowRank;
        final List<RestrictedOwner> proof = new ArrayList<>();
        int next;
        long pendingStake; // the stake the owner being expanded above this one holds in it
        StakeTerms pendingTerms;
        StakeSource pendingSource;

        ProofFrame(int index, int belowRank) {
            this.index = index;
            this.belowRank = belowRank;
        }
    }

    /** A party of the path search being expanded; {@code order} null means owners in stored order. */
    private static final class PathFrame {
        final int index;
        final int belowRank;
        final int[] order;
        int next;
        int pendingOwner;
        int pathsBefore;

        PathFrame(int index, int belowRank, int[] order) {
            this.index = index;
            this.belowRank = belowRank;
            this.order = order;
        }
    }
}
