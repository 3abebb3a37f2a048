package io.clearance.ownership.index;

import io.clearance.ownership.Bound;
import io.clearance.ownership.RestrictionCriteria;
import io.clearance.ownership.graph.OwnershipGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The restriction indexes kept for one {@link OwnershipGraph}: a few whole-graph indexes for now, one per
 * criteria and bound, kept current change by change by an {@link IndexUpkeep} the graph calls inside its
 * write lock; and a few whole-graph indexes for other instants, kept per interval between two changes of
 * force for as long as the registry does not change. One per graph ({@link #of}).
 */
public final class KeptIndexes {

    private static final int MAX_INDEXES = 8;

    private final OwnershipGraph graph;
    // Kept current with every change; the most recently made last. Written under the graph's write lock,
    // read under its read lock.
    private final List<RestrictionIndex> indexes = new ArrayList<>();
    // Whole-graph restrictions at other instants than now (see indexAt), the most recently used last.
    private final Map<List<Object>, RestrictionIndex> indexesAt = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Object>, RestrictionIndex> eldest) {
            return size() > MAX_INDEXES;
        }
    };

    private KeptIndexes(OwnershipGraph graph) {
        this.graph = graph;
        graph.addUpkeep(new IndexUpkeep(graph, indexes));
    }

    /** The indexes kept for {@code graph}, made (and registered for its changes) on first use. */
    public static KeptIndexes of(OwnershipGraph graph) {
        return graph.derived(KeptIndexes.class, KeptIndexes::new);
    }

    /**
     * Makes sure a restriction index for {@code criteria} at {@code bound} exists and is current for now,
     * computing it over the whole graph if needed (first use, or a dated stake came into or out of force).
     * Call outside the graph's read lock: building an index takes the write lock.
     */
    public void prepare(RestrictionCriteria criteria, Bound bound) {
        long now = nowSecond();
        if (graph.read(() -> {
            RestrictionIndex index = find(criteria, bound);
            return index != null && !index.staleAt(now);
        })) {
            return;
        }
        graph.exclusively(() -> {
            RestrictionIndex index = find(criteria, bound);
            if (index == null) {
                if (indexes.size() == MAX_INDEXES) {
                    indexes.remove(0);
                }
                indexes.add(new RestrictionIndex(graph, criteria, bound, now));
            } else if (index.staleAt(now)) {
                index.recomputeAll(now);
            }
        });
    }

    /** Both bounds' indexes; see {@link #prepare(RestrictionCriteria, Bound)}. */
    public void prepare(RestrictionCriteria criteria) {
        prepare(criteria, Bound.LOWER);
        prepare(criteria, Bound.UPPER);
    }

    /**
     * The kept-current index for {@code criteria} at {@code bound}, or a throw-away one computed now; call
     * inside the graph's read lock.
     */
    public RestrictionIndex index(RestrictionCriteria criteria, Bound bound) {
        RestrictionIndex index = find(criteria, bound);
        return index != null ? index : new RestrictionIndex(graph, criteria, bound, nowSecond());
    }

    /**
     * The restriction over the whole graph at an instant other than now: kept, a few at a time, for the
     * interval between two changes of force around {@code at}, as long as the registry does not change.
     * Call inside the graph's read lock; concurrent readers share the cache under its own lock.
     */
    public RestrictionIndex indexAt(RestrictionCriteria criteria, Bound bound, long at) {
        long[] interval = graph.forceIntervalAround(at);
        List<Object> key = List.of(criteria, bound, graph.version(), interval[0], interval[1]);
        synchronized (indexesAt) {
            RestrictionIndex kept = indexesAt.get(key);
            if (kept != null) {
                return kept;
            }
        }
        // Computed outside the cache's lock: other decisions need not wait for it.
        RestrictionIndex computed = RestrictionIndex.wholeGraphAt(graph, criteria, bound, at);
        synchronized (indexesAt) {
            indexesAt.put(key, computed);
        }
        return computed;
    }

    /** How many parties {@code criteria} certainly restricts now, seeds included; for benchmarks and health figures. */
    public int restrictedCount(RestrictionCriteria criteria) {
        return restrictedCount(criteria, Bound.LOWER);
    }

    public int restrictedCount(RestrictionCriteria criteria, Bound bound) {
        prepare(criteria, bound);
        return graph.read(() -> index(criteria, bound).restrictedCount());
    }

    private RestrictionIndex find(RestrictionCriteria criteria, Bound bound) {
        for (RestrictionIndex index : indexes) {
            if (index.bound() == bound && index.criteria().equals(criteria)) {
                return index;
            }
        }
        return null;
    }

    private long nowSecond() {
        return graph.now().getEpochSecond();
    }
}
