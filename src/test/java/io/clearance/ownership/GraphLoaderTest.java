package io.clearance.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.ownership.graph.GraphLoader;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.ownership.index.KeptIndexes;
import io.clearance.ownership.index.RestrictedByExtension;
import io.clearance.registry.RegistrySink;
import io.clearance.registry.io.SyntheticRegistry;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A graph loaded in one go must answer exactly as one built change by change, and keep answering after
 * later changes; a load replaces what the graph held before.
 */
class GraphLoaderTest {

    private static final RestrictionCriteria CRITERIA = new RestrictionCriteria(
            Set.of("CN", "RU", "IR", "KP"),
            EnumSet.of(PartyKind.COMPANY, PartyKind.GOVERNMENT, PartyKind.UNIVERSITY),
            Share.fromPercent("50"),
            Comparison.GREATER_THAN);

    @Test
    void loadedGraphAgreesWithOneBuiltChangeByChange() {
        int parties = 20_000;
        OwnershipGraph incremental = new OwnershipGraph();
        OwnershipGraph loaded = new OwnershipGraph();
        loaded.putParty(new PartyInfo("stale", "Gone after the load", PartyKind.COMPANY, "CN", null));
        RestrictedByExtension loadedWalk =
                new RestrictedByExtension(loaded, CRITERIA).prepare(Bound.LOWER); // an index to recompute
        GraphLoader loader = loaded.loader();
        // A high banned fraction makes restricted regions large enough to matter.
        new SyntheticRegistry(21, 0.15).generate(parties, parties * 3, new RegistrySink() {
            @Override
            public void party(PartyInfo party) {
                incremental.putParty(party);
                loader.party(party);
            }

            @Override
            public void stake(String ownedId, String ownerId, StakeTerms terms) {
                incremental.putStake(ownedId, ownerId, terms);
                loader.stake(ownedId, ownerId, terms);
            }
        });
        loader.commit();
        assertEquals(parties, loaded.partyCount());
        assertEquals(false, loaded.party("stale").isPresent());
        RestrictedByExtension incrementalWalk = new RestrictedByExtension(incremental, CRITERIA).prepare(Bound.LOWER);
        assertEquals(
                KeptIndexes.of(incremental).restrictedCount(CRITERIA),
                KeptIndexes.of(loaded).restrictedCount(CRITERIA));
        for (int i = 0; i < parties; i++) {
            String id = SyntheticRegistry.id(i);
            assertEquals(incrementalWalk.evaluate(id), loadedWalk.evaluate(id), id);
        }
        // Changes after the load go through the same incremental paths.
        for (int i = 0; i < 200; i++) {
            String owned = SyntheticRegistry.id(i * 97 % parties);
            String owner = SyntheticRegistry.id(i * 31 % parties);
            if (owned.equals(owner)) {
                continue;
            }
            incremental.removeStake(owned, owner);
            loaded.removeStake(owned, owner);
            assertEquals(incrementalWalk.evaluate(owned), loadedWalk.evaluate(owned), owned);
        }
        assertEquals(
                KeptIndexes.of(incremental).restrictedCount(CRITERIA),
                KeptIndexes.of(loaded).restrictedCount(CRITERIA));
        // And the loaded graph keeps growing past its loaded size.
        for (int i = 0; i < 50_000; i++) {
            loaded.putParty(new PartyInfo("new" + i, "New " + i, PartyKind.COMPANY, "CN", null));
        }
        loaded.putParty(new PartyInfo("target", "Target", PartyKind.COMPANY, "DE", null));
        loaded.putStake("target", "new0", Share.fromPercent("51"));
        assertEquals(true, loadedWalk.evaluate("target").exceeded());
        assertEquals(parties + 50_001, loaded.partyCount());
    }

    @Test
    void aSmallLoadLeavesRoomToGrow() {
        OwnershipGraph graph = new OwnershipGraph();
        GraphLoader loader = graph.loader();
        loader.party(new PartyInfo("a", "A", PartyKind.COMPANY, "DE", null));
        loader.commit();
        for (int i = 0; i < 100; i++) {
            graph.putParty(new PartyInfo("b" + i, "B", PartyKind.COMPANY, "DE", null));
        }
        assertEquals(101, graph.partyCount());
    }

    @Test
    void aRepeatedStakeOrAnUnknownPartyIsRefused() {
        OwnershipGraph graph = new OwnershipGraph();
        GraphLoader loader = graph.loader();
        loader.party(new PartyInfo("a", "A", PartyKind.COMPANY, "DE", null));
        loader.party(new PartyInfo("b", "B", PartyKind.COMPANY, "DE", null));
        assertThrows(IllegalArgumentException.class, () -> loader.stake("a", "nobody", 1));
        loader.stake("a", "b", 10);
        loader.stake("a", "b", 20);
        assertThrows(IllegalArgumentException.class, loader::commit);
    }
}
