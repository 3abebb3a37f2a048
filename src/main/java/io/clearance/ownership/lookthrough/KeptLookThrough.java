package io.clearance.ownership.lookthrough;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.StakeTerms;
import io.clearance.ownership.RestrictionCriteria;
import io.clearance.ownership.graph.ForceHorizon;
import io.clearance.ownership.graph.GraphUpkeep;
import io.clearance.ownership.graph.OwnershipGraph;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Look-through findings for now, kept per party and criteria, so that a fresh decision reads its party's
 * look-through instead of solving it (a solve, or the bounded chain search beyond the exact budget, costs
 * hundreds of microseconds to milliseconds on a large registry). A party's finding is computed on the first
 * read and kept until a change can alter it.
 *
 * <p>What a finding reads: the stakes into the party and into its ancestors, and those parties' attributes
 * (the solve, the chain search and the evidence all walk owners upwards only). So a change to a party's
 * attributes or to the stakes into it can alter exactly the findings of that party and its descendants:
 * this index is told of every change inside the graph's write lock ({@link GraphUpkeep}) and drops those
 * findings there, before any reader sees the changed graph. Findings are computed and stored inside the
 * graph's read lock, which no change can interleave with, so a finding stored is always of the graph as it
 * is. A reload drops everything.
 *
 * <p>Time: an entry holds for the interval between the instant it was computed for and the next change of
 * force of a dated stake into the party or one of its ancestors ({@link ForceHorizon}); outside it the
 * finding is computed again. Only decisions for now read this index; another instant solves as before.
 *
 * <p>Beside each finding its reader may keep one thing it {@linkplain #derived derives} from it (the port keeps the
 * finding with its stake sources and its evidence, built once instead of on every decision): it is dropped
 * with the finding, so it is invalidated exactly as the finding is.
 *
 * <p>Bounded: at most {@link #MAX_WEIGHT} (chains listed) per criteria and {@link #MAX_CRITERIA} criteria (a new
 * ban set makes new criteria), the least recently used dropped first; a dropped finding is computed again.
 */
public final class KeptLookThrough implements GraphUpkeep {

    /**
     * What the findings kept per criteria may weigh, in chains listed (each a few hundred bytes, counted twice:
     * once in the finding, once in the evidence derived from it) plus one per finding: a finding lists up to
     * {@link LookThrough#MAX_PATHS} chains per bound, so this keeps from about 1,250 parties with the most
     * chains at both bounds to 500,000 with none (a few hundred megabytes at most).
     */
    public static final long MAX_WEIGHT = 500_000;

    private static final int MAX_CRITERIA = 8;

    private final OwnershipGraph graph;
    private final ForceHorizon horizon;
    // Entries per criteria, the most recently used last. Changed under the graph's write lock or under its own.
    private final Map<RestrictionCriteria, Kept> kept = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RestrictionCriteria, Kept> eldest) {
            if (size() > MAX_CRITERIA) {
                eldest.getValue().retired = true;
                return true;
            }
            return false;
        }
    };

    private KeptLookThrough(OwnershipGraph graph) {
        this.graph = graph;
        this.horizon = new ForceHorizon(graph);
        graph.addUpkeep(this);
    }

    /** The look-through kept for {@code graph}, made (and registered for its changes) on first use. */
    public static KeptLookThrough of(OwnershipGraph graph) {
        return graph.derived(KeptLookThrough.class, KeptLookThrough::new);
    }

    /** One criteria's findings and the look-through that computes them. */
    private static final class Kept {

        private final LookThrough lookThrough;
        private final Cache<Integer, Entry> entries;
        // Set when no longer kept current (evicted, or the graph reloaded): a reader that took it before must
        // not trust it. invariant: set before any change that would have dropped its entries.
        private volatile boolean retired;

        Kept(LookThrough lookThrough, Cache<Integer, Entry> entries) {
            this.lookThrough = lookThrough;
            this.entries = entries;
        }

        LookThrough lookThrough() {
            return lookThrough;
        }

        Cache<Integer, Entry> entries() {
            return entries;
        }
    }

    /**
     * Both bounds of one party, valid for instants in {@code [from, until)} (epoch seconds), and what a reader
     * derived from them ({@code null} until one does).
     */
    private static final class Entry {

        final LookThrough.Bounds bounds;
        final long from;
        final long until;
        // Replaced whole (a purpose with its value), so a reader never pairs one purpose with another's value.
        volatile Derived derived;

        Entry(LookThrough.Bounds bounds, long from, long until) {
            this.bounds = bounds;
            this.from = from;
            this.until = until;
        }

        boolean holdsAt(long second) {
            return from <= second && second < until;
        }
    }

    /** A value derived from an entry's bounds, and what for (its {@code equals} tells one purpose from another). */
    private record Derived(Object purpose, Object value) {}

    /**
     * Both look-through bounds of a party present in the graph, for now: the kept finding, or computed and
     * kept. Equal to {@code new LookThrough(graph, criteria).evaluateBounds(partyId, null)}.
     *
     * @throws IllegalArgumentException when the party is not in the graph
     */
    public LookThrough.Bounds bounds(RestrictionCriteria criteria, String partyId) {
        return read(criteria, partyId, entry -> entry.bounds);
    }

    /**
     * What {@code derive} makes of the party's bounds for now, made once and kept beside them for {@code purpose}
     * until the bounds are dropped (a change upstream of the party, the end of their interval, eviction); equal
     * to {@code derive} applied to {@link #bounds}. {@code derive} runs inside the graph's read lock, so it may
     * read the graph (what it reads must be what the bounds read: the party and its ancestors), and must be a
     * function of the bounds and that state alone. One purpose is kept per party: another replaces it.
     *
     * @throws IllegalArgumentException when the party is not in the graph
     */
    @SuppressWarnings("unchecked")
    public <T> T derived(
            RestrictionCriteria criteria, String partyId, Object purpose, Function<LookThrough.Bounds, T> derive) {
        return read(criteria, partyId, entry -> {
            Derived derived = entry.derived;
            if (derived != null && derived.purpose().equals(purpose)) {
                return (T) derived.value();
            }
            T value = derive.apply(entry.bounds);
            // Inside the read lock: no change comes between the bounds and their derived value, and an entry
            // dropped after this is dropped whole, its derived value with it.
            entry.derived = new Derived(purpose, value);
            return value;
        });
    }

    /** {@code use} of the party's entry for now, kept or computed and kept, inside the graph's read lock. */
    private <T> T read(RestrictionCriteria criteria, String partyId, Function<Entry, T> use) {
        Kept forCriteria = kept(criteria);
        return graph.read(() -> {
            int target = graph.indexOf(partyId);
            if (target < 0) {
                throw new IllegalArgumentException("no party `" + partyId + "` in the ownership graph");
            }
            Instant now = graph.now();
            long second = now.getEpochSecond();
            if (forCriteria.retired) {
                // Not kept current any more: computed for this read alone.
                return use.apply(new Entry(forCriteria.lookThrough().evaluateBounds(partyId, now), second, second));
            }
            Entry entry = forCriteria.entries().getIfPresent(target);
            if (entry == null || !entry.holdsAt(second)) {
                entry = new Entry(
                        forCriteria.lookThrough().evaluateBounds(partyId, now),
                        second,
                        horizon.nextChangeAfter(second, target));
                // Inside the read lock: no change can come between the computation and the store.
                forCriteria.entries().put(target, entry);
            }
            return use.apply(entry);
        });
    }

    /** How many findings are kept for {@code criteria}; for tests and figures. */
    public long size(RestrictionCriteria criteria) {
        synchronized (kept) {
            Kept forCriteria = kept.get(criteria);
            return forCriteria == null ? 0 : forCriteria.entries().estimatedSize();
        }
    }

    private Kept kept(RestrictionCriteria criteria) {
        synchronized (kept) {
            return kept.computeIfAbsent(
                    criteria,
                    key -> new Kept(
                            new LookThrough(graph, key),
                            Caffeine.newBuilder()
                                    .maximumWeight(MAX_WEIGHT)
                                    .weigher((Integer party, Entry entry) -> weight(entry.bounds))
                                    .executor(Runnable::run) // evictions on the caller's thread, never behind its back
                                    .<Integer, Entry>build()));
        }
    }

    private static int weight(LookThrough.Bounds bounds) {
        int chains = bounds.lower().paths().size();
        if (bounds.upper() != bounds.lower()) {
            chains += bounds.upper().paths().size();
        }
        return 1 + 2 * chains; // the chains, and their evidence derived beside them
    }

    // ---- upkeep: called inside the graph's write lock ----

    @Override
    public void beforeStakesInto(int owned) {
        // The findings change after the stakes do; nothing to note before.
    }

    @Override
    public void afterStakesInto(int owned, StakeTerms written) {
        dropDownstreamOf(owned);
    }

    @Override
    public void partyPut(int index, PartyInfo before, PartyInfo after) {
        // Even a new name changes the findings that show the party in their chains.
        dropDownstreamOf(index);
    }

    @Override
    public void partyRemoved(int index, int[] formerHoldings) {
        int[] roots = new int[formerHoldings.length + 1];
        roots[0] = index;
        System.arraycopy(formerHoldings, 0, roots, 1, formerHoldings.length);
        dropDownstreamOf(roots);
    }

    @Override
    public void reloaded() {
        synchronized (kept) {
            for (Kept forCriteria : kept.values()) {
                forCriteria.retired = true;
            }
            kept.clear();
        }
    }

    /** Drops the findings of {@code roots} and of every party they hold, directly or not. */
    private void dropDownstreamOf(int... roots) {
        Kept[] all;
        synchronized (kept) {
            if (kept.isEmpty()) {
                return;
            }
            all = kept.values().toArray(new Kept[0]);
        }
        BitSet downstream = downstream(roots);
        int count = downstream.cardinality();
        for (Kept forCriteria : all) {
            Map<Integer, Entry> entries = forCriteria.entries().asMap();
            if (entries.size() < count) {
                entries.keySet().removeIf(downstream::get);
            } else {
                for (int i = downstream.nextSetBit(0); i >= 0; i = downstream.nextSetBit(i + 1)) {
                    entries.remove(i);
                }
            }
        }
    }

    /** The roots and their descendants, each once (cycles and deep chains walk iteratively). */
    private BitSet downstream(int... roots) {
        BitSet visited = new BitSet(graph.indexLimit());
        ArrayDeque<Integer> pending = new ArrayDeque<>();
        for (int root : roots) {
            if (root >= 0 && !visited.get(root)) {
                visited.set(root);
                pending.add(root);
            }
        }
        while (!pending.isEmpty()) {
            int owner = pending.poll();
            if (graph.partyAt(owner) == null) {
                continue; // a removed party holds nothing any more
            }
            for (int held : graph.holdingsOf(owner)) {
                if (!visited.get(held)) {
                    visited.set(held);
                    pending.add(held);
                }
            }
        }
        return visited;
    }
}
