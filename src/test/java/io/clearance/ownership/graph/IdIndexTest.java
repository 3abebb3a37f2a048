package io.clearance.ownership.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The open-addressing id map against a {@link HashMap} under random adds and removals (removal shifts
 * entries back, so a lookup after many removals is where a bug would show), and through the graph that
 * reuses the slots of removed parties.
 */
class IdIndexTest {

    @Test
    void agreesWithAHashMapUnderRandomAddsAndRemovals() {
        Random random = new Random(11);
        List<String> idsByIndex = new ArrayList<>();
        IdIndex index = new IdIndex(idsByIndex::get);
        Map<String, Integer> expected = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            // A small key space makes collisions, re-adds and long probe runs common.
            String id = "p" + random.nextInt(5_000);
            if (random.nextInt(3) > 0) {
                if (!expected.containsKey(id)) {
                    idsByIndex.add(id);
                    index.add(id, idsByIndex.size() - 1);
                    expected.put(id, idsByIndex.size() - 1);
                }
            } else {
                assertEquals(
                        expected.containsKey(id) ? expected.remove(id) : -1,
                        index.remove(id),
                        "remove " + id + " at step " + step);
            }
            String probe = "p" + random.nextInt(5_000);
            assertEquals(expected.getOrDefault(probe, -1), index.get(probe), "get " + probe + " at step " + step);
            assertEquals(expected.size(), index.size());
        }
        Set<Integer> held = new HashSet<>();
        index.forEach(held::add);
        assertEquals(new HashSet<>(expected.values()), held);
    }

    @Test
    void graphFindsPartiesAfterRemovalsReuseTheirSlots() {
        OwnershipGraph graph = new OwnershipGraph();
        for (int i = 0; i < 1_000; i++) {
            graph.putParty(new PartyInfo("p" + i, "Party " + i, PartyKind.COMPANY, "DE", null));
        }
        for (int i = 0; i < 1_000; i += 2) {
            graph.removeParty("p" + i);
        }
        for (int i = 0; i < 500; i++) {
            graph.putParty(new PartyInfo("q" + i, "Party q" + i, PartyKind.COMPANY, "FR", null));
        }
        assertEquals(1_000, graph.partyCount());
        for (int i = 0; i < 1_000; i++) {
            assertEquals(i % 2 == 1, graph.party("p" + i).isPresent(), "p" + i);
        }
        for (int i = 0; i < 500; i++) {
            assertEquals("FR", graph.party("q" + i).orElseThrow().country());
        }
        assertEquals(1_000, new HashSet<>(graph.partyIds()).size());
    }

    @Test
    void countryCodesAreSharedInstances() {
        OwnershipGraph graph = new OwnershipGraph();
        graph.putParty(new PartyInfo("a", "A", PartyKind.COMPANY, new String("DE"), null));
        graph.putParty(new PartyInfo("b", "B", PartyKind.INDIVIDUAL, new String("DE"), new String("DE")));
        PartyInfo a = graph.party("a").orElseThrow();
        PartyInfo b = graph.party("b").orElseThrow();
        assertEquals(System.identityHashCode(a.country()), System.identityHashCode(b.country()));
        assertEquals(System.identityHashCode(a.country()), System.identityHashCode(b.nationality()));
    }
}
