package io.clearance.ownership.lookthrough;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.Share;
import io.clearance.ownership.Bound;
import io.clearance.ownership.Rational;
import io.clearance.ownership.RestrictionCriteria;
import io.clearance.ownership.evidence.Counterfactual;
import io.clearance.ownership.evidence.LookThroughFinding;
import io.clearance.ownership.evidence.LookThroughPath;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.ownership.index.StakeView;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Look-through (integrated, multiplicative) ownership, as corporate-registry services such as Orbis
 * compute it: the share of a party that seed parties hold ultimately, summed over every chain of holdings,
 * each chain counting the product of its stakes. 50% of 50% is 25%, and unlike restriction by extension
 * an unrestricted intermediary passes its part on.
 *
 * <p>Definition: {@code L(x) = 1} for a seed (a seed counts itself as wholly restricted, whoever holds it),
 * otherwise {@code L(x) = Σ stake(o, x) · L(o)} over the direct owners {@code o} of {@code x}. On cycles
 * this is a linear system {@code L = s + M·L}; it is solved exactly, with rationals, over the ancestors of
 * the party, strongly connected component by component, owners before what they hold, with Gaussian
 * elimination inside a component. No hop limit truncates it.
 *
 * <p>invariant (relied on, enforced by the registry): the stakes into one party add up to at most 100%.
 * A component then has a unique solution unless every member is wholly held inside the component; such a
 * closed ring has no outside owner, so no seed reaches it and its value is 0 (the least solution, the
 * limit of the series).
 *
 * <p>Bounds. The lower bound takes every stake at its minimum, holders the registry does not know of clean.
 * The upper bound, when the test counts unaccounted shares, takes every stake at its minimum and gives
 * what the stakes leave of 100% to a restricted holder (value 1): since no owner holds more than 1, that
 * is the most seeds can hold. Otherwise it takes each party's stakes at their maximum, and where those add
 * up to more than 100% it fills the 100% greedily, owners with the largest look-through first, from their
 * minimums; inside a cycle that choice depends on the solution, so it is improved until it no longer
 * changes (policy iteration, each round solved exactly). Exclusive range bounds are taken as the bound
 * itself: at exactly the threshold, the finding errs towards review.
 *
 * <p>Control without a percentage carries no share to multiply: look-through ignores it. *
 * <p>Why this file is longer than the others (about 600 lines): the exact solver, the greedy upper bound
 * with its policy iteration and the chain search work on one local numbering of a party's ancestors and its
 * components ({@link OwnershipComponents}); splitting them is listed as follow-up work of issue 9.
 */
public final class LookThrough {

    /** Paths listed in evidence; what the others add is reported as one remainder. */
    public static final int MAX_PATHS = 100;
    // Bound the best-first path search on cycles, where walks are endless: chains longer than this many
    // stakes, and chains not reached within this many expansions, are not listed one by one but counted in
    // the exact remainder. Without the hop bound a cycle of large stakes (99% each way) makes the best
    // chains go round thousands of times, with products of ever more digits. The share itself is solved
    // exactly and never cut off.
    public static final int MAX_PATH_STAKES = 32;
    private static final int MAX_EXPANSIONS = 5_000;
    // Direct stakes whose removal a counterfactual tries, each by a fresh solve.
    private static final int MAX_REMOVALS_TRIED = 25;
    // The exact solve's budget. Real registries have giant strongly connected regions (cross-holdings):
    // exact elimination over thousands of parties with growing fractions would take minutes and gigabytes
    // on the decision path. Beyond the budget the finding is a proven lower bound instead, said so.
    public static final int MAX_EXACT_ANCESTORS = 500;
    public static final int MAX_EXACT_COMPONENT = 30;
    // The lower bound's own search: short chains only, few expansions, so it stays cheap on any graph.
    private static final int BOUND_PATH_STAKES = 6;
    private static final int BOUND_EXPANSIONS = 1_000;
    // Policy iteration over a cycle's greedy choice improves the value each round and ends; bounded anyway.
    private static final int MAX_POLICY_ROUNDS = 64;

    private final OwnershipGraph graph;
    private final RestrictionCriteria criteria;

    public LookThrough(OwnershipGraph graph, RestrictionCriteria criteria) {
        this.graph = graph;
        this.criteria = criteria;
    }

    /** Evaluates one party present in the graph, now, at the lower bound. */
    public LookThroughFinding evaluate(String partyId) {
        return evaluate(partyId, Bound.LOWER, null);
    }

    /** Evaluates one party present in the graph at one bound, on the stakes in force at {@code at} (null: now). */
    public LookThroughFinding evaluate(String partyId, Bound bound, Instant at) {
        long instant = (at == null ? graph.now() : at).getEpochSecond();
        return graph.read(() -> {
            int target = graph.indexOf(partyId);
            if (target < 0) {
                throw new IllegalArgumentException("no party `" + partyId + "` in the ownership graph");
            }
            return new Evaluation(new StakeView(graph, criteria, bound, instant)).run(target);
        });
    }

    /** Both bounds of one party. */
    public record Bounds(LookThroughFinding lower, LookThroughFinding upper) {}

    /**
     * Evaluates one party at both bounds, on the stakes in force at {@code at} (null: now). The upper bound
     * is solved only where it can differ: when the lower bound's solve met a range among the stakes it
     * read, or the test counts unaccounted shares; and its chains are listed only when it alone passes.
     */
    public Bounds evaluateBounds(String partyId, Instant at) {
        long instant = (at == null ? graph.now() : at).getEpochSecond();
        return graph.read(() -> {
            int target = graph.indexOf(partyId);
            if (target < 0) {
                throw new IllegalArgumentException("no party `" + partyId + "` in the ownership graph");
            }
            Evaluation lowerEvaluation = new Evaluation(new StakeView(graph, criteria, Bound.LOWER, instant));
            LookThroughFinding lower = lowerEvaluation.run(target, exceeded -> true);
            if (!lowerEvaluation.metRange && !criteria.countsUnaccounted()) {
                return new Bounds(lower, lower);
            }
            LookThroughFinding upper = new Evaluation(new StakeView(graph, criteria, Bound.UPPER, instant))
                    .run(target, exceeded -> exceeded && !lower.exceeded());
            return new Bounds(lower, upper);
        });
    }

    /** One evaluation at one bound and instant; lives inside the graph's read lock. */
    private final class Evaluation {

        private final StakeView view;
        // The shares each solved party's stakes take at this bound (the greedy choice, where there is one).
        private final Map<Integer, long[]> allocations = new HashMap<>();
        // Some party solved has a stake in force whose maximum exceeds its minimum: the bounds may differ.
        boolean metRange;

        Evaluation(StakeView view) {
            this.view = view;
        }

        LookThroughFinding run(int target) {
            return run(target, exceeded -> true);
        }

        /** @param listPaths whether chains are listed, given whether the share passed */
        LookThroughFinding run(int target, java.util.function.Predicate<Boolean> listPaths) {
            PartyInfo party = graph.partyAt(target);
            if (!criteria.isSeed(party) && !withinBudget(target)) {
                return lowerBound(target, party);
            }
            Map<Integer, Rational> solution;
            try {
                solution = solve(target, -1, -1);
            } catch (BudgetExceeded e) {
                return lowerBound(target, party);
            }
            Rational share = solution.get(target);
            boolean exceeded = criteria.canBeRestrictedByOwnership(party)
                    && criteria.comparison().holds(share.compareToShare(criteria.threshold()));
            List<LookThroughPath> paths =
                    criteria.isSeed(party) || !listPaths.test(exceeded) ? List.of() : paths(target, solution);
            Rational listed = Rational.ZERO;
            for (LookThroughPath path : paths) {
                listed = listed.add(path.contribution());
            }
            Rational unlisted = criteria.isSeed(party) ? Rational.ZERO : share.subtract(listed);
            if (!listPaths.test(exceeded)) {
                unlisted = Rational.ZERO; // no chains asked for: nothing is said about them
            }
            // Only a finding that certainly passes can be lifted below the threshold by one removal.
            Counterfactual counterfactual =
                    exceeded && view.bound() == Bound.LOWER ? counterfactual(target, share) : null;
            return new LookThroughFinding(
                    party,
                    criteria,
                    view.bound(),
                    share,
                    exceeded,
                    paths,
                    unlisted,
                    !unlisted.isZero(),
                    counterfactual,
                    true);
        }

        /**
         * Beyond the exact solver's budget: the chains found best-first are distinct terms of the series, so
         * their sum is a lower bound of the share. The finding passes the threshold only when that bound does,
         * never by estimate; the evidence says the share is a bound.
         */
        private LookThroughFinding lowerBound(int target, PartyInfo party) {
            List<LookThroughPath> paths = paths(target, null, BOUND_PATH_STAKES, BOUND_EXPANSIONS);
            Rational bound = Rational.ZERO;
            for (LookThroughPath path : paths) {
                bound = bound.add(path.contribution());
            }
            boolean exceeded = criteria.canBeRestrictedByOwnership(party)
                    && criteria.comparison().holds(bound.compareToShare(criteria.threshold()));
            return new LookThroughFinding(
                    party, criteria, view.bound(), bound, exceeded, paths, Rational.ZERO, true, null, false);
        }

        /** True when the target has at most {@link #MAX_EXACT_ANCESTORS} non-seed ancestors. */
        private boolean withinBudget(int target) {
            Set<Integer> seen = new HashSet<>();
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            seen.add(target);
            queue.add(target);
            while (!queue.isEmpty()) {
                for (int owner : graph.ownersOf(queue.poll())) {
                    if (!criteria.isSeed(graph.partyAt(owner)) && seen.add(owner)) {
                        if (seen.size() > MAX_EXACT_ANCESTORS) {
                            return false;
                        }
                        queue.add(owner);
                    }
                }
            }
            return true;
        }

        /** The exact solve would exceed its budget; the caller falls back to a lower bound. */
        private static final class BudgetExceeded extends RuntimeException {
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
        private void solveComponent(
                List<Integer> component, Map<Integer, Rational> value, int skipOwner, int skipOwned) {
            int n = component.size();
            if (n > MAX_EXACT_COMPONENT) {
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
                    graph,
                    criteria,
                    members,
                    memberSet,
                    (node, k) -> allocations.get(node)[k] > 0)) {
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
            Rational[] solution = eliminate(rows, n);
            for (int i = 0; i < n; i++) {
                value.put(component.get(i), solution[i]);
            }
        }

        /** Gauss-Jordan elimination, exact; a singular system is a closed ring, whose least solution is 0. */
        private static Rational[] eliminate(Rational[][] rows, int n) {
            boolean anyInput = false;
            for (Rational[] row : rows) {
                anyInput |= !row[n].isZero();
            }
            for (int col = 0; col < n; col++) {
                int pivot = -1;
                for (int r = col; r < n && pivot < 0; r++) {
                    if (!rows[r][col].isZero()) {
                        pivot = r;
                    }
                }
                if (pivot < 0) {
                    if (anyInput) {
                        throw new ArithmeticException("look-through system is singular although seeds reach it:"
                                + " the stakes into some party add up to more than 100%");
                    }
                    Rational[] zeros = new Rational[n];
                    Arrays.fill(zeros, Rational.ZERO);
                    return zeros;
                }
                Rational[] swap = rows[col];
                rows[col] = rows[pivot];
                rows[pivot] = swap;
                Rational inverse = Rational.ONE.divide(rows[col][col]);
                for (int c = col; c <= n; c++) {
                    rows[col][c] = rows[col][c].multiply(inverse);
                }
                for (int r = 0; r < n; r++) {
                    if (r != col && !rows[r][col].isZero()) {
                        Rational factor = rows[r][col];
                        for (int c = col; c <= n; c++) {
                            rows[r][c] = rows[r][c].subtract(factor.multiply(rows[col][c]));
                        }
                    }
                }
            }
            Rational[] solution = new Rational[n];
            for (int i = 0; i < n; i++) {
                solution[i] = rows[i][n];
            }
            return solution;
        }

        /**
         * The largest chains from seeds to the target, best first: a walk is extended owner by owner and the
         * queue always yields the largest product, and since stakes are at most 100% a walk's product never
         * grows, so chains come out largest first. A chain ends at the first seed it meets; on cycles a chain
         * may pass a party more than once, as the terms of the series do.
         */
        private List<LookThroughPath> paths(int target, Map<Integer, Rational> solution) {
            return paths(target, solution, MAX_PATH_STAKES, MAX_EXPANSIONS);
        }

        /** @param solution the exact values, to prune owners no seed is behind; {@code null} when not solved */
        private List<LookThroughPath> paths(
                int target, Map<Integer, Rational> solution, int maxStakes, int maxExpansions) {
            PriorityQueue<Walk> queue = new PriorityQueue<>(
                    Comparator.comparing(Walk::product).reversed().thenComparingLong(Walk::sequence));
            long sequence = 0;
            queue.add(new Walk(target, BigDecimal.ONE, null, 0, 0, false, sequence++));
            List<LookThroughPath> paths = new ArrayList<>();
            int expansions = 0;
            while (!queue.isEmpty() && paths.size() < MAX_PATHS && expansions < maxExpansions) {
                Walk walk = queue.poll();
                if (walk.complete()) {
                    paths.add(walk.toPath(graph));
                    continue;
                }
                expansions++;
                if (walk.stakes() == maxStakes) {
                    continue;
                }
                int[] owners = graph.ownersOf(walk.head());
                long[] shares = sharesInto(walk.head());
                for (int k = 0; k < owners.length; k++) {
                    if (shares[k] == 0) {
                        continue;
                    }
                    boolean seed = criteria.isSeed(graph.partyAt(owners[k]));
                    Rational reach = solution == null ? null : solution.get(owners[k]);
                    if (!seed && solution != null && (reach == null || reach.isZero())) {
                        continue; // no seed behind this owner: its walks add nothing
                    }
                    BigDecimal product = walk.product().multiply(BigDecimal.valueOf(shares[k], Share.SCALE + 2));
                    queue.add(new Walk(owners[k], product, walk, shares[k], walk.stakes() + 1, seed, sequence++));
                }
            }
            return List.copyOf(paths);
        }

        /** A walk from the target up to {@code head}; {@code below} is the walk it extends, by {@code stake}. */
        private record Walk(
                int head, BigDecimal product, Walk below, long stake, int stakes, boolean complete, long sequence) {

            LookThroughPath toPath(OwnershipGraph graph) {
                List<PartyInfo> parties = new ArrayList<>();
                List<Long> stakes = new ArrayList<>();
                for (Walk step = this; step != null; step = step.below) {
                    parties.add(graph.partyAt(step.head));
                    if (step.below != null) {
                        stakes.add(step.stake);
                    }
                }
                return new LookThroughPath(List.copyOf(parties), List.copyOf(stakes), product);
            }
        }

        /** The shares the stakes into {@code node} take in the solution, or at the view's bound when unsolved. */
        private long[] sharesInto(int node) {
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

        /** How far above the threshold, and which direct stake's removal alone would bring the share below it. */
        private Counterfactual counterfactual(int target, Rational share) {
            int[] owners = graph.ownersOf(target);
            long[] shares = sharesInto(target).clone();
            Integer[] order = new Integer[owners.length];
            for (int k = 0; k < order.length; k++) {
                order[k] = k;
            }
            Arrays.sort(
                    order, Comparator.comparingLong((Integer k) -> shares[k]).reversed());
            List<Counterfactual.StakeRemoval> removals = new ArrayList<>();
            int tried = 0;
            boolean truncated = false;
            for (int k : order) {
                if (shares[k] == 0) {
                    continue;
                }
                if (tried == MAX_REMOVALS_TRIED) {
                    truncated = true;
                    break;
                }
                tried++;
                Rational after =
                        new Evaluation(view).solve(target, owners[k], target).get(target);
                if (!criteria.comparison().holds(after.compareToShare(criteria.threshold()))) {
                    removals.add(new Counterfactual.StakeRemoval(
                            graph.partyAt(owners[k]), graph.partyAt(target), shares[k], true, after));
                }
            }
            return new Counterfactual(
                    graph.partyAt(target),
                    criteria,
                    share,
                    List.copyOf(removals),
                    "the party's direct stakes, largest first, at most " + MAX_REMOVALS_TRIED,
                    truncated);
        }
    }
}
