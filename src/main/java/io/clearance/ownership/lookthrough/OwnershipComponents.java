package io.clearance.ownership.lookthrough;

import io.clearance.ownership.RestrictionCriteria;
import io.clearance.ownership.graph.OwnershipGraph;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strongly connected components of the "is held by" graph, owners' components first: the order in which
 * look-through solves a party's ancestors, one exact system a component.
 */
final class OwnershipComponents {

    /** Which stakes a component search follows: the k-th stake into {@code node}. */
    interface EdgeTest {
        boolean accepts(int node, int k);
    }

    private OwnershipComponents() {}

    /**
     * The non-seed parties reachable from {@code roots} through owners (the walk stops at seeds: what holds
     * a seed does not matter), over the stakes {@code edge} accepts and within {@code members} (null: any),
     * grouped into strongly connected components, owners' components first. Tarjan's algorithm over the
     * "is held by" edges emits a component only after every component it reaches, that is after its owners.
     */
    static List<List<Integer>> ownersFirst(
            OwnershipGraph graph,
            RestrictionCriteria criteria,
            List<Integer> roots,
            Set<Integer> members,
            EdgeTest edge) {
        Map<Integer, Integer> number = new HashMap<>();
        Map<Integer, Integer> low = new HashMap<>();
        ArrayDeque<Integer> stack = new ArrayDeque<>();
        Set<Integer> onStack = new HashSet<>();
        List<List<Integer>> components = new ArrayList<>();
        int counter = 0;
        for (int root : roots) {
            if (number.containsKey(root)) {
                continue;
            }
            // Iterative, so that a deep chain of holdings cannot overflow the thread's stack.
            ArrayDeque<int[]> calls = new ArrayDeque<>(); // {node, next owner position}
            number.put(root, counter);
            low.put(root, counter++);
            stack.push(root);
            onStack.add(root);
            calls.push(new int[] {root, 0});
            while (!calls.isEmpty()) {
                int[] call = calls.peek();
                int node = call[0];
                int[] owners = graph.ownersOf(node);
                if (call[1] < owners.length) {
                    int k = call[1]++;
                    int owner = owners[k];
                    if (criteria.isSeed(graph.partyAt(owner))
                            || members != null && !members.contains(owner)
                            || !edge.accepts(node, k)) {
                        continue;
                    }
                    if (!number.containsKey(owner)) {
                        number.put(owner, counter);
                        low.put(owner, counter++);
                        stack.push(owner);
                        onStack.add(owner);
                        calls.push(new int[] {owner, 0});
                    } else if (onStack.contains(owner)) {
                        low.put(node, Math.min(low.get(node), number.get(owner)));
                    }
                    continue;
                }
                calls.pop();
                if (!calls.isEmpty()) {
                    int parent = calls.peek()[0];
                    low.put(parent, Math.min(low.get(parent), low.get(node)));
                }
                if (low.get(node).equals(number.get(node))) {
                    List<Integer> component = new ArrayList<>();
                    int member;
                    do {
                        member = stack.pop();
                        onStack.remove(member);
                        component.add(member);
                    } while (member != node);
                    components.add(component);
                }
            }
        }
        return components;
    }
}
