package io.clearance.ownership;

import io.clearance.ownership.BruteForceOracle.Party;
import io.clearance.ownership.BruteForceOracle.Stake;
import io.clearance.ownership.OwnershipSemanticsPropertyTest.SmallGraph;
import io.clearance.ownership.lookthrough.LookThrough;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Look-through computed without {@link LookThrough}'s method, as a reference: one linear system over the
 * whole graph (every non-seed party a seed reaches; the others are 0), solved by elimination that pivots
 * on the last candidate row and runs over the unknowns in reverse id order, with no decomposition into
 * strongly connected components. Also the plain value iteration {@code L := s + M·L} from zero, exact.
 *
 * <p>It reads the criteria's plain values, not {@link RestrictionCriteria#isSeed}.
 */
final class LookThroughOracle {

    private final SmallGraph graph;
    private final Set<String> seeds = new HashSet<>();
    private final Map<String, Rational> solved = new HashMap<>();

    LookThroughOracle(SmallGraph graph, RestrictionCriteria criteria) {
        this.graph = graph;
        for (Party party : graph.parties()) {
            if (criteria.seedKinds().contains(party.kind())
                    && criteria.bannedJurisdictions().contains(party.country())) {
                seeds.add(party.id());
            }
        }
        solve();
    }

    Rational solved(String id) {
        return solved.get(id);
    }

    /** {@code rounds} steps of the value iteration from zero (seeds at one). */
    Map<String, Rational> iterate(int rounds) {
        Map<String, Rational> value = new HashMap<>();
        for (Party party : graph.parties()) {
            value.put(party.id(), seeds.contains(party.id()) ? Rational.ONE : Rational.ZERO);
        }
        for (int round = 0; round < rounds; round++) {
            Map<String, Rational> next = new HashMap<>();
            for (Party party : graph.parties()) {
                if (seeds.contains(party.id())) {
                    next.put(party.id(), Rational.ONE);
                    continue;
                }
                Rational sum = Rational.ZERO;
                for (Stake stake : graph.stakes()) {
                    if (stake.ownedId().equals(party.id())) {
                        sum = sum.add(Rational.ofShare(stake.share()).multiply(value.get(stake.ownerId())));
                    }
                }
                next.put(party.id(), sum);
            }
            value = next;
        }
        return value;
    }

    private void solve() {
        // Reached from a seed along holdings; everything else is held 0% by seeds.
        Set<String> reached = new HashSet<>();
        ArrayDeque<String> queue = new ArrayDeque<>(seeds);
        while (!queue.isEmpty()) {
            String node = queue.poll();
            for (Stake stake : graph.stakes()) {
                if (stake.ownerId().equals(node) && !seeds.contains(stake.ownedId()) && reached.add(stake.ownedId())) {
                    queue.add(stake.ownedId());
                }
            }
        }
        List<String> unknowns = new ArrayList<>(reached);
        unknowns.sort(Comparator.reverseOrder());
        int n = unknowns.size();
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < n; i++) {
            column.put(unknowns.get(i), i);
        }
        Rational[][] a = new Rational[n][n + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= n; j++) {
                a[i][j] = i == j ? Rational.ONE : Rational.ZERO;
            }
        }
        for (Stake stake : graph.stakes()) {
            Integer row = column.get(stake.ownedId());
            if (row == null) {
                continue;
            }
            Rational share = Rational.ofShare(stake.share());
            if (seeds.contains(stake.ownerId())) {
                a[row][n] = a[row][n].add(share);
            } else if (column.containsKey(stake.ownerId())) {
                a[row][column.get(stake.ownerId())] = a[row][column.get(stake.ownerId())].subtract(share);
            }
        }
        // Forward elimination over the columns from last to first, pivoting on the last usable row.
        boolean[] used = new boolean[n];
        int[] pivotOf = new int[n];
        for (int col = n - 1; col >= 0; col--) {
            int pivot = -1;
            for (int r = n - 1; r >= 0; r--) {
                if (!used[r] && !a[r][col].isZero()) {
                    pivot = r;
                    break;
                }
            }
            if (pivot < 0) {
                throw new AssertionError("singular look-through system over parties a seed reaches: " + graph);
            }
            used[pivot] = true;
            pivotOf[col] = pivot;
            for (int r = 0; r < n; r++) {
                if (r != pivot && !a[r][col].isZero()) {
                    Rational factor = a[r][col].divide(a[pivot][col]);
                    for (int c = 0; c <= n; c++) {
                        a[r][c] = a[r][c].subtract(factor.multiply(a[pivot][c]));
                    }
                }
            }
        }
        for (Party party : graph.parties()) {
            solved.put(party.id(), seeds.contains(party.id()) ? Rational.ONE : Rational.ZERO);
        }
        for (int col = 0; col < n; col++) {
            int row = pivotOf[col];
            solved.put(unknowns.get(col), a[row][n].divide(a[row][col]));
        }
    }
}
