package io.clearance.ownership.index;

import io.clearance.domain.PartyInfo;
import io.clearance.ownership.Bound;
import io.clearance.ownership.Rational;
import io.clearance.ownership.RestrictionCriteria;
import io.clearance.ownership.evidence.Counterfactual;
import io.clearance.ownership.graph.OwnershipGraph;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The counterfactual of a restriction by extension: how far above the threshold a party is, and which
 * single stake's removal would lift it. Candidates are every stake a restricted party holds in the party
 * or in one of its restricted ancestors: the direct stakes first (largest first), then the stakes deeper
 * in the proof, nearest first, whose removal could un-restrict an intermediary. Each candidate is checked
 * by recomputing the least fixpoint over the restricted ancestors without it, so a removal that
 * un-restricts an intermediary, or breaks a cycle, counts with all its consequences.
 *
 * <p>Only restricted ancestors matter: removing a stake can only shrink the least fixpoint, so a party
 * unrestricted now stays unrestricted.
 */
public final class ExtensionCounterfactual {

    // Each candidate costs a fixpoint over the restricted ancestors; past this many, say so.
    static final int MAX_CANDIDATES = 200;
    // Beyond this many restricted ancestors a fixpoint per candidate is too dear for the decision path.
    static final int MAX_ANCESTORS = 2_000;

    private final OwnershipGraph graph;
    private final RestrictionCriteria criteria;

    /** Call after {@link RestrictedByExtension} for the same criteria prepared its index. */
    public ExtensionCounterfactual(OwnershipGraph graph, RestrictionCriteria criteria) {
        this.graph = graph;
        this.criteria = criteria;
    }

    /** For a party whose lower-bound finding exceeded the threshold now. */
    public Counterfactual explain(String partyId, long restrictedShare) {
        return explain(partyId, restrictedShare, null);
    }

    /**
     * For a party whose lower-bound finding exceeded the threshold at {@code at} (null: now): the stakes
     * whose removal would make it no longer certainly restricted.
     */
    public Counterfactual explain(String partyId, long restrictedShare, Instant at) {
        return graph.read(() -> {
            int target = graph.indexOf(partyId);
            if (target < 0) {
                throw new IllegalArgumentException("no party `" + partyId + "` in the ownership graph");
            }
            RestrictionIndex index = at == null
                    ? KeptIndexes.of(graph).index(criteria, Bound.LOWER)
                    : RestrictionIndex.over(graph, criteria, Bound.LOWER, at.getEpochSecond(), target);
            StakeView view = index.view();
            List<Integer> ancestors = restrictedAncestors(target, index);
            if (ancestors.size() > MAX_ANCESTORS) {
                return directOnly(target, index, ancestors.size());
            }
            Set<Integer> members = new LinkedHashSet<>(ancestors);
            List<long[]> candidates = new ArrayList<>(); // {owner, owned, share}
            for (int owned : ancestors) {
                List<long[]> into = new ArrayList<>();
                int[] owners = graph.ownersOf(owned);
                for (int k = 0; k < owners.length; k++) {
                    if (members.contains(owners[k]) && view.counts(owned, k)) {
                        into.add(new long[] {owners[k], owned, view.share(owned, k)});
                    }
                }
                into.sort((a, b) -> Long.compare(b[2], a[2]));
                candidates.addAll(into);
            }
            boolean truncated = candidates.size() > MAX_CANDIDATES;
            List<Counterfactual.StakeRemoval> removals = new ArrayList<>();
            for (long[] candidate : candidates.subList(0, Math.min(candidates.size(), MAX_CANDIDATES))) {
                StakeView.Sum after = shareWithout(view, target, ancestors, (int) candidate[0], (int) candidate[1]);
                if (!view.passes(after)) {
                    removals.add(new Counterfactual.StakeRemoval(
                            graph.partyAt((int) candidate[0]),
                            graph.partyAt((int) candidate[1]),
                            candidate[2],
                            candidate[1] == target,
                            Rational.ofShare(after.value())));
                }
            }
            String coverage = "every stake a restricted party holds in the party or in one of its restricted ancestors"
                    + (truncated
                            ? ", the first " + MAX_CANDIDATES + " of " + candidates.size() + " (direct stakes first)"
                            : "");
            return new Counterfactual(
                    graph.partyAt(target),
                    criteria,
                    Rational.ofShare(restrictedShare),
                    List.copyOf(removals),
                    coverage,
                    truncated);
        });
    }

    /**
     * Over a large restricted region: only the direct stakes, each listed when removing it alone certainly
     * lifts the restriction (the rest of the aggregate, which can only shrink, no longer passes). A removal
     * that would lift it only through a cycle back into the party is not found; the coverage says so.
     */
    private Counterfactual directOnly(int target, RestrictionIndex index, int ancestors) {
        StakeView view = index.view();
        long restrictedShare = index.aggregate(target).value();
        int[] owners = graph.ownersOf(target);
        List<Counterfactual.StakeRemoval> removals = new ArrayList<>();
        for (int k = 0; k < owners.length; k++) {
            if (!index.isRestricted(owners[k]) || !view.counts(target, k)) {
                continue;
            }
            StakeView.Sum rest = view.aggregate(target, index::isRestricted, owners[k]);
            if (!view.passes(rest)) {
                removals.add(new Counterfactual.StakeRemoval(
                        graph.partyAt(owners[k]),
                        graph.partyAt(target),
                        view.share(target, k),
                        true,
                        Rational.ofShare(rest.value())));
            }
        }
        removals.sort((a, b) -> Long.compare(b.stake(), a.stake()));
        String coverage = "the party's direct stakes only: its " + ancestors + " restricted ancestors are more than "
                + MAX_ANCESTORS + " to recompute for each stake";
        return new Counterfactual(
                graph.partyAt(target),
                criteria,
                Rational.ofShare(restrictedShare),
                List.copyOf(removals),
                coverage,
                true);
    }

    /** The target and its restricted ancestors, breadth first from the target (nearest first). */
    private List<Integer> restrictedAncestors(int target, RestrictionIndex index) {
        List<Integer> order = new ArrayList<>();
        BitSet seen = new BitSet();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        seen.set(target);
        queue.add(target);
        while (!queue.isEmpty()) {
            int node = queue.poll();
            order.add(node);
            int[] owners = graph.ownersOf(node);
            for (int k = 0; k < owners.length; k++) {
                int owner = owners[k];
                if (!seen.get(owner)
                        && index.isRestricted(owner)
                        && index.view().counts(node, k)) {
                    seen.set(owner);
                    queue.add(owner);
                }
            }
        }
        return order;
    }

    /** The target's aggregate in the least fixpoint over {@code ancestors} once one stake is gone. */
    private StakeView.Sum shareWithout(
            StakeView view, int target, List<Integer> ancestors, int skipOwner, int skipOwned) {
        BitSet restricted = new BitSet();
        for (int node : ancestors) {
            if (criteria.isSeed(graph.partyAt(node))) {
                restricted.set(node);
            }
        }
        // Kleene iteration from the seeds: small (the restricted ancestors only), and obviously the least fixpoint.
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int node : ancestors) {
                PartyInfo party = graph.partyAt(node);
                if (!restricted.get(node)
                        && criteria.canBeRestrictedByOwnership(party)
                        && view.passes(view.aggregate(node, restricted::get, node == skipOwned ? skipOwner : -1))) {
                    restricted.set(node);
                    changed = true;
                }
            }
        }
        return view.aggregate(target, restricted::get, target == skipOwned ? skipOwner : -1);
    }
}
