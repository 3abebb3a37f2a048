package io.clearance.ownership.index;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.StakeTerms;
import io.clearance.ownership.RestrictionCriteria;
import io.clearance.ownership.graph.GraphUpkeep;
import io.clearance.ownership.graph.OwnershipGraph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the {@link KeptIndexes} of a graph current with each change, called by the graph inside its write
 * lock (so a reader never sees a changed graph beside an index of the version before). An aggregate that
 * can only have grown may add restrictions; one that may have shrunk is deleted and re-derived downstream
 * ({@link RestrictionIndex#shrank}).
 */
final class IndexUpkeep implements GraphUpkeep {

    private final OwnershipGraph graph;
    // The kept indexes; the same list KeptIndexes reads.
    private final List<RestrictionIndex> indexes;
    // What each kept index found in the party whose stakes are changing, from before the change to after it.
    private List<StakeView.Sum> before = List.of();

    IndexUpkeep(OwnershipGraph graph, List<RestrictionIndex> indexes) {
        this.graph = graph;
        this.indexes = indexes;
    }

    @Override
    public void beforeStakesInto(int owned) {
        List<StakeView.Sum> sums = new ArrayList<>(indexes.size());
        for (RestrictionIndex restriction : indexes) {
            sums.add(restriction.aggregate(owned));
        }
        before = sums;
    }

    @Override
    public void afterStakesInto(int owned, StakeTerms written) {
        long now = nowSecond();
        for (int i = 0; i < indexes.size(); i++) {
            RestrictionIndex restriction = indexes.get(i);
            if (restriction.staleAt(now)) {
                restriction.recomputeAll(now);
                continue;
            }
            restriction.advanceTo(now, written);
            StakeView.Sum after = restriction.aggregate(owned);
            if (!after.atLeast(before.get(i))) {
                restriction.shrank(owned);
            }
            restriction.grew(owned);
        }
        before = List.of();
    }

    @Override
    public void partyPut(int index, PartyInfo before, PartyInfo after) {
        for (RestrictionIndex restriction : currentIndexes()) {
            RestrictionCriteria criteria = restriction.criteria();
            if (before != null
                    && criteria.isSeed(before) == criteria.isSeed(after)
                    && criteria.canBeRestrictedByOwnership(before) == criteria.canBeRestrictedByOwnership(after)) {
                continue; // a new name or nationality changes no restriction
            }
            restriction.shrank(index);
            restriction.grew(index);
        }
    }

    @Override
    public void partyRemoved(int index, int[] formerHoldings) {
        for (RestrictionIndex restriction : currentIndexes()) {
            restriction.removed(index, formerHoldings);
        }
    }

    @Override
    public void reloaded() {
        long now = nowSecond();
        for (RestrictionIndex restriction : indexes) {
            restriction.recomputeAll(now);
        }
    }

    /**
     * Computes each kept index over the graph being loaded, outside the graph's lock; inside it, right after
     * the swap, each kept index takes the restriction computed for it (or, when it came since or the clock
     * passed a change of force meanwhile, is computed there as before).
     */
    @Override
    public Runnable prepareReload(OwnershipGraph staged) {
        List<RestrictionIndex> current = graph.read(() -> List.copyOf(indexes));
        long at = staged.now().getEpochSecond();
        Map<List<Object>, RestrictionIndex> ahead = new HashMap<>();
        for (RestrictionIndex restriction : current) {
            ahead.put(
                    List.of(restriction.criteria(), restriction.bound()),
                    new RestrictionIndex(staged, restriction.criteria(), restriction.bound(), at));
        }
        return () -> {
            long now = nowSecond();
            for (RestrictionIndex restriction : indexes) {
                RestrictionIndex computed = ahead.get(List.of(restriction.criteria(), restriction.bound()));
                if (computed == null || !computed.holdsAt(now)) {
                    restriction.recomputeAll(now);
                } else {
                    restriction.adopt(computed, now);
                }
            }
        };
    }

    /**
     * The kept indexes, each brought to now first: one past a change of force of a dated stake is computed
     * again (and so already reflects whatever the caller changed), the others move to now.
     */
    private List<RestrictionIndex> currentIndexes() {
        long now = nowSecond();
        List<RestrictionIndex> current = new ArrayList<>(indexes.size());
        for (RestrictionIndex restriction : indexes) {
            if (restriction.staleAt(now)) {
                restriction.recomputeAll(now);
            } else {
                restriction.advanceTo(now, null);
                current.add(restriction);
            }
        }
        return current;
    }

    private long nowSecond() {
        return graph.now().getEpochSecond();
    }
}
