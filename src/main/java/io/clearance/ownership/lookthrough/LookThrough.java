package io.clearance.ownership.lookthrough;

import io.clearance.domain.PartyInfo;
import io.clearance.ownership.Bound;
import io.clearance.ownership.Rational;
import io.clearance.ownership.RestrictionCriteria;
import io.clearance.ownership.evidence.Counterfactual;
import io.clearance.ownership.evidence.LookThroughFinding;
import io.clearance.ownership.evidence.LookThroughPath;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.ownership.index.StakeView;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 * <p>Control without a percentage carries no share to multiply: look-through ignores it.
 *
 * <p>The rooms: this class decides which computation a party gets (exact, or a proven lower bound beyond
 * the budget) and builds the finding with its counterfactual; {@link ShareSolver} solves the share exactly,
 * {@link Elimination} inside one component; {@link ChainSearch} lists the largest chains.
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
            if (!lowerEvaluation.solver.metRange() && !criteria.countsUnaccounted()) {
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
        private final ShareSolver solver;

        Evaluation(StakeView view) {
            this.view = view;
            this.solver = new ShareSolver(graph, criteria, view);
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
                solution = solver.solve(target, -1, -1);
            } catch (ShareSolver.BudgetExceeded e) {
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

        /** The largest chains into the target, best first (see {@link ChainSearch}). */
        private List<LookThroughPath> paths(int target, Map<Integer, Rational> solution) {
            return paths(target, solution, MAX_PATH_STAKES, MAX_EXPANSIONS);
        }

        private List<LookThroughPath> paths(
                int target, Map<Integer, Rational> solution, int maxStakes, int maxExpansions) {
            return new ChainSearch(graph, criteria, solver::sharesInto)
                    .best(target, solution, maxStakes, maxExpansions, MAX_PATHS);
        }

        /** How far above the threshold, and which direct stake's removal alone would bring the share below it. */
        private Counterfactual counterfactual(int target, Rational share) {
            int[] owners = graph.ownersOf(target);
            long[] shares = solver.sharesInto(target).clone();
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
                Rational after = new ShareSolver(graph, criteria, view)
                        .solve(target, owners[k], target)
                        .get(target);
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
