package io.clearance.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.ownership.graph.GraphLoader;
import io.clearance.ownership.graph.GraphUpkeep;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.ownership.index.KeptIndexes;
import io.clearance.ownership.index.RestrictionIndex;
import io.clearance.registry.RegistrySink;
import io.clearance.registry.io.SyntheticRegistry;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A load prepared ahead ({@link GraphLoader#prepare()}) computes the kept restriction indexes for the new
 * graph outside the graph's lock, while decisions go on reading the graph as it was; the commit, even inside
 * {@link OwnershipGraph#applyAt}, only swaps them in, and they answer as indexes computed from scratch.
 */
class PreparedReloadTest {

    private static final RestrictionCriteria CRITERIA = new RestrictionCriteria(
            Set.of("CN", "RU", "IR", "KP"),
            EnumSet.of(PartyKind.COMPANY, PartyKind.GOVERNMENT, PartyKind.UNIVERSITY),
            Share.fromPercent("50"),
            Comparison.GREATER_THAN,
            0,
            true);

    @Test
    void indexesAreBuiltBeforeTheLockAndAnswerAsFromScratch() {
        OwnershipGraph graph = new OwnershipGraph();
        graph.putParty(new PartyInfo("old", "Before the load", PartyKind.COMPANY, "CN", null));
        KeptIndexes.of(graph).prepare(CRITERIA); // both bounds kept, to be rebuilt by the load
        List<Integer> seenWhilePreparing = new ArrayList<>();
        graph.addUpkeep(new ReaderDuringPrepare(graph, seenWhilePreparing));
        GraphLoader loader = graph.loader();
        new SyntheticRegistry(5, 0.15).generate(4_000, 12_000, new RegistrySink() {
            @Override
            public void party(PartyInfo party) {
                loader.party(party);
            }

            @Override
            public void stake(String ownedId, String ownerId, StakeTerms terms) {
                loader.stake(ownedId, ownerId, terms);
            }
        });
        loader.prepare();
        // A reader on another thread got through while the indexes were built, and saw the old graph.
        assertEquals(List.of(1), seenWhilePreparing);
        assertThrows(
                IllegalStateException.class,
                () -> loader.party(new PartyInfo("late", "Too late", PartyKind.COMPANY, "US", null)));
        graph.applyAt(7, loader::commit);
        assertEquals(4_000, graph.partyCount());
        assertAsFromScratch(graph);
        // Kept current with later changes as before.
        graph.putParty(new PartyInfo("cn-new", "New", PartyKind.COMPANY, "CN", null));
        graph.putStake(SyntheticRegistry.id(10), "cn-new", StakeTerms.between(0, Share.fromPercent("60")));
        assertAsFromScratch(graph);
    }

    private static void assertAsFromScratch(OwnershipGraph graph) {
        KeptIndexes kept = KeptIndexes.of(graph);
        for (Bound bound : Bound.values()) {
            kept.prepare(CRITERIA, bound);
            RestrictionIndex scratch = graph.read(() -> RestrictionIndex.wholeGraphAt(
                    graph, CRITERIA, bound, graph.now().getEpochSecond()));
            assertEquals(scratch.restrictedCount(), kept.restrictedCount(CRITERIA, bound), bound.name());
            for (int party = 0; party < 4_000; party += 7) {
                String id = SyntheticRegistry.id(party);
                int index = graph.read(() -> graph.indexOf(id));
                assertEquals(
                        graph.read(() -> scratch.aggregate(index)),
                        graph.read(() -> kept.index(CRITERIA, bound).aggregate(index)),
                        bound + " aggregate of " + id);
            }
        }
    }

    /** Reads the graph from another thread while the reload is prepared: it must not wait for the lock. */
    private record ReaderDuringPrepare(OwnershipGraph graph, List<Integer> seen) implements GraphUpkeep {

        @Override
        public Runnable prepareReload(OwnershipGraph staged) {
            try {
                // Bounded only so that a regression fails instead of hanging: a held write lock never frees.
                seen.add(CompletableFuture.supplyAsync(graph::partyCount).get(60, TimeUnit.SECONDS));
            } catch (Exception e) {
                throw new AssertionError("a reader waited for the reload's preparation", e);
            }
            return () -> {};
        }

        @Override
        public void beforeStakesInto(int owned) {}

        @Override
        public void afterStakesInto(int owned, StakeTerms written) {}

        @Override
        public void partyPut(int index, PartyInfo before, PartyInfo after) {}

        @Override
        public void partyRemoved(int index, int[] formerHoldings) {}

        @Override
        public void reloaded() {}
    }
}
