package io.clearance.ownership.lookthrough;

import io.clearance.domain.Share;
import io.clearance.ownership.Bound;
import io.clearance.ownership.Rational;
import io.clearance.ownership.RestrictionCriteria;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.ownership.index.StakeView;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The exact look-through share of a party at one bound: {@code L = s + M·L} over its ancestors, solved with
 * rationals component by component, owners first ({@link OwnershipComponents}), with {@link Elimination}
 * inside a component; where an upper bound's shares depend on the solution (maximums adding up past 100%),
 * the greedy choice is improved by policy iteration. See {@link LookThrough} for the definition and bounds.
 * One solver per evaluation, inside the graph's read lock.
 */
final class ShareSolver {

    // Policy iteration over a cycle's greedy choice improves the value each round and ends; bounded anyway.
    private static final int MAX_POLICY_ROUNDS = 64;

    private final OwnershipGraph graph;
    private final RestrictionCriteria criteria;
    private final StakeView view;
    // The shares each solved party's stakes take at this bound (the greedy choice, where there is one).
    private final Map<Integer, long[]> allocations = new HashMap<>();
    // Some party solved has a stake in force whose maximum exceeds its minimum: the bounds may differ.
    private boolean metRange;

    ShareSolver(OwnershipGraph graph, RestrictionCriteria criteria, StakeView view) {
        this.graph = graph;
        this.criteria = criteria;
        this.view = view;
    }

    /** Some party solved so far has a stake whose maximum exceeds its minimum: the other bound may differ. */
    boolean metRange() {
        return metRange;
    }

    /** The exact solve would exceed its budget; the caller falls back to a lower bound. */
    static final class BudgetExceeded extends RuntimeException {
        BudgetExceeded() {
            super(null, null, false, false);
        }
    }

    /** L over the target's ancestors, seeds included (as 1); call inside the read lock. */
    Map<Integer, Rational> solve(int target, int skipOwner, int skipOwned) {
        Map<Integer, Rational> value = new HashMap<>();
        if (criteria.isSeed(graph.partyAt(target))) {
            value.put(target, Rational.ONE);
            return value;
        }
        OwnershipComponents.EdgeTest carries = (node, k) -> canCarry(node, k, skipOwner, skipOwned);
        for (List<Integer> component :
                OwnershipComponents.ownersFirst(graph, criteria, List.of(target), null, carries)) {
            solveComponent(component, value, skipOwner, skipOwned);
        }
        return value;
    }

    /**
     * The stake can hold a share at this bound: in force, not the one a counterfactual removes, and with a
     * share above 0 at the bound (a greedy upper bound may give any share up to the maximum). Links that
     * carry nothing must not join components: a closed ring linked only by a control-only stake to a party
     * seeds reach would otherwise make the system singular.
     */
    private boolean canCarry(int node, int k, int skipOwner, int skipOwned) {
        if (!view.inForce(node, k) || graph.ownersOf(node)[k] == skipOwner && node == skipOwned) {
            return false;
        }
        boolean minimums = view.bound() == Bound.LOWER || criteria.countsUnaccounted();
        return (minimums ? graph.sharesOf(node)[k] : graph.maxShare(node, k)) > 0;
    }

    /**
     * Solves one component given the values of everything outside it that holds into it. Where the shares
     * depend on the solution (an upper bound over stakes whose maximums add up past 100%), the choice is
     * improved and the component solved again until the choice stays.
     */
    private void solveComponent(List<Integer> component, Map<Integer, Rational> value, int skipOwner, int skipOwned) {
        int n = component.size();
        if (n > LookThrough.MAX_EXACT_COMPONENT) {
            throw new BudgetExceeded();
        }
        for (int round = 0; ; round++) {
            boolean changed = false;
            for (int node : component) {
                long[] chosen = allocate(node, value, skipOwner, skipOwned, allocations.get(node));
                changed |= !Arrays.equals(chosen, allocations.put(node, chosen));
            }
            if (!changed && round > 0) {
                return;
            }
            if (round == MAX_POLICY_ROUNDS) {
                throw new BudgetExceeded();
            }
            solveWithAllocations(component, value);
            if (!needsChoice(component)) {
                return;
            }
        }
    }

    /**
     * The shares the stakes into {@code node} take at this bound: minimums, or maximums; over 100%, the
     * minimums raised greedily in the order of the owners' current values (seeds first). Stakes not in
     * force, and the one a counterfactual removes, take 0.
     */
    private long[] allocate(int node, Map<Integer, Rational> value, int skipOwner, int skipOwned, long[] previous) {
        int[] owners = graph.ownersOf(node);
        long[] chosen = new long[owners.length];
        long minSum = 0;
        long maxSum = 0;
        for (int k = 0; k < owners.length; k++) {
            if (view.inForce(node, k) && !(owners[k] == skipOwner && node == skipOwned)) {
                chosen[k] = graph.sharesOf(node)[k];
                minSum += chosen[k];
                maxSum += graph.maxShare(node, k);
            }
        }
        metRange |= maxSum != minSum;
        if (view.bound() == Bound.LOWER || criteria.countsUnaccounted() || maxSum == minSum) {
            return chosen;
        }
        Integer[] order = new Integer[owners.length];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        // Equal values: seeds first (their value is theirs; another owner's may rest on this very choice).
        Arrays.sort(
                order,
                Comparator.comparing((Integer k) -> valueOf(owners[k], value))
                        .reversed()
                        .thenComparing(k -> criteria.isSeed(graph.partyAt(owners[k])) ? 0 : 1));
        long budget = Share.HUNDRED_PERCENT - minSum;
        for (int k : order) {
            if (chosen[k] == 0 && !(view.inForce(node, k) && !(owners[k] == skipOwner && node == skipOwned))) {
                continue;
            }
            long raise = Math.min(graph.maxShare(node, k) - chosen[k], budget);
            chosen[k] += raise;
            budget -= raise;
        }
        // Policy iteration changes its choice only for a strictly better one, or it may cycle between
        // choices of equal worth and never settle.
        if (previous != null && worth(owners, chosen, value).compareTo(worth(owners, previous, value)) <= 0) {
            return previous;
        }
        return chosen;
    }

    /** What a choice of shares gives the party at the owners' current values. */
    private Rational worth(int[] owners, long[] shares, Map<Integer, Rational> value) {
        Rational sum = Rational.ZERO;
        for (int k = 0; k < owners.length; k++) {
            if (shares[k] != 0) {
                sum = sum.add(Rational.ofShare(shares[k]).multiply(valueOf(owners[k], value)));
            }
        }
        return sum;
    }

    /** What the unaccounted remainder adds to {@code node} as a restricted holder: only in a counting upper bound. */
    private long unaccounted(int node, long[] chosen) {
        if (view.bound() == Bound.LOWER || !criteria.countsUnaccounted()) {
            return 0;
        }
        boolean anyInForce = false;
        long sum = 0;
        for (int k = 0; k < chosen.length; k++) {
            anyInForce |= view.inForce(node, k);
            sum += chosen[k];
        }
        return anyInForce ? Math.max(0, Share.HUNDRED_PERCENT - sum) : 0;
    }

    /** The value of an owner so far: 1 for a seed, 0 while unsolved. */
    private Rational valueOf(int owner, Map<Integer, Rational> value) {
        if (criteria.isSeed(graph.partyAt(owner))) {
            return Rational.ONE;
        }
        return value.getOrDefault(owner, Rational.ZERO);
    }

    /** Some party of the component has stakes whose maximums exceed 100%: the choice depends on the values. */
    private boolean needsChoice(List<Integer> component) {
        if (view.bound() == Bound.LOWER || criteria.countsUnaccounted()) {
            return false;
        }
        for (int node : component) {
            long maxSum = 0;
            for (int k = 0; k < graph.ownersOf(node).length; k++) {
                if (view.inForce(node, k)) {
                    maxSum += graph.maxShare(node, k);
                }
            }
            if (maxSum > Share.HUNDRED_PERCENT) {
                return true;
            }
        }
        return false;
    }

    /** One exact solve of a component with the shares chosen in {@link #allocations}. */
    private void solveWithAllocations(List<Integer> members, Map<Integer, Rational> value) {
        // The chosen shares may leave some links at 0: solve the component's parts that the chosen shares
        // connect, owners first, so that a ring they close holds nothing instead of making the system singular.
        Set<Integer> memberSet = new HashSet<>(members);
        for (List<Integer> part : OwnershipComponents.ownersFirst(
                graph, criteria, members, memberSet, (node, k) -> allocations.get(node)[k] > 0)) {
            solvePart(part, value);
        }
    }

    private void solvePart(List<Integer> component, Map<Integer, Rational> value) {
        int n = component.size();
        Map<Integer, Integer> position = new HashMap<>();
        for (int i = 0; i < n; i++) {
            position.put(component.get(i), i);
        }
        // Rows of (I - M_component | b): b collects seeds (as 1) and owners solved before this component.
        Rational[][] rows = new Rational[n][n + 1];
        for (int i = 0; i < n; i++) {
            Arrays.fill(rows[i], Rational.ZERO);
            rows[i][i] = Rational.ONE;
            int node = component.get(i);
            int[] owners = graph.ownersOf(node);
            long[] shares = allocations.get(node);
            rows[i][n] = Rational.ofShare(unaccounted(node, shares));
            for (int k = 0; k < owners.length; k++) {
                if (shares[k] == 0) {
                    continue;
                }
                Rational stake = Rational.ofShare(shares[k]);
                Integer j = position.get(owners[k]);
                if (j != null) {
                    rows[i][j] = rows[i][j].subtract(stake);
                } else if (criteria.isSeed(graph.partyAt(owners[k]))) {
                    rows[i][n] = rows[i][n].add(stake);
                } else {
                    // invariant: components come owners first, so a non-seed owner outside is solved
                    rows[i][n] = rows[i][n].add(stake.multiply(value.get(owners[k])));
                }
            }
        }
        if (n == 1) {
            // The common case (no cycle through the party): no elimination; no self-stakes exist.
            value.put(component.get(0), rows[0][1].divide(rows[0][0]));
            return;
        }
        Rational[] solution = Elimination.solve(rows, n);
        for (int i = 0; i < n; i++) {
            value.put(component.get(i), solution[i]);
        }
    }

    /** The shares the stakes into {@code node} take in the solution, or at the view's bound when unsolved. */
    long[] sharesInto(int node) {
        long[] solved = allocations.get(node);
        if (solved != null) {
            return solved;
        }
        long[] shares = new long[graph.ownersOf(node).length];
        for (int k = 0; k < shares.length; k++) {
            shares[k] = view.share(node, k);
        }
        return shares;
    }
}
