package io.clearance.ownership.graph;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The parties downstream of some parties in the ownership graph: the parties themselves and every party
 * they hold directly or through a chain of holdings. What a party's findings read (its ancestors' stakes
 * and attributes) can only change when a changed party is the party or one of its ancestors, that is when
 * the party is among the changed parties' descendants.
 *
 * <p>Iterative, with a bit set of visited parties: a chain a million holdings deep, or a cycle, walks
 * without recursion and visits each party once. Call inside the graph's read or write lock.
 */
public final class Descendants {

    private Descendants() {}

    /**
     * The ids of {@code roots} and of every party they hold, directly or not. A root that is no longer in the
     * graph (a removed party) is in the answer, without descendants.
     */
    public static Set<String> of(OwnershipGraph graph, List<String> roots) {
        Set<String> found = new LinkedHashSet<>(roots);
        BitSet visited = new BitSet(graph.indexLimit());
        ArrayDeque<Integer> pending = new ArrayDeque<>();
        for (String root : roots) {
            int index = graph.indexOf(root);
            if (index >= 0 && !visited.get(index)) {
                visited.set(index);
                pending.add(index);
            }
        }
        while (!pending.isEmpty()) {
            int owner = pending.poll();
            for (int held : graph.holdingsOf(owner)) {
                if (!visited.get(held)) {
                    visited.set(held);
                    found.add(graph.partyAt(held).id());
                    pending.add(held);
                }
            }
        }
        return found;
    }
}
