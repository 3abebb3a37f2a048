package io.clearance.ownership;

import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.ownership.BoundsGraph.Stake;
import io.clearance.ownership.BruteForceOracle.Party;
import io.clearance.ownership.index.RestrictedByExtension;
import io.clearance.ownership.lookthrough.LookThrough;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * The lower and upper bounds of both ownership semantics on uncertain stakes, computed by brute force over
 * assignments of shares, as a reference for {@link RestrictedByExtension} and {@link LookThrough}.
 *
 * <p>An assignment picks, for every stake in force at the instant asked about, one share within its range
 * (strictly inside on an exclusive side) so that no party's stakes add up to more than 100%. When the
 * unaccounted remainder counts, every party held by anyone also has a virtual owner, "unknown holders", a
 * seed whose share ranges over 0 to 100%. Then:
 *
 * <ul>
 *   <li>the lower bound is what every assignment gives: restriction grows with the shares, so that is the
 *       assignment with every share at its minimum, an exclusive minimum raised by an ε;
 *   <li>the upper bound is what some assignment gives. The oracle tries, for every party independently,
 *       every order of its owners and the greedy assignment that raises them to their maxima in that
 *       order (an exclusive maximum lowered by an ε) while the party's 100% lasts, and takes every
 *       combination of those over the parties. Ordering the restricted owners by when the fixpoint reaches
 *       them shows that some combination restricts whatever any assignment restricts.
 * </ul>
 *
 * ε is one thousandth of a {@link Share} unit: shares are scaled by {@link #SCALE}, and an exclusive bound
 * moves by one scaled unit. A party has at most four owners, so the ε's never add up to a whole unit and
 * every comparison with a threshold comes out as it would for an infinitesimal ε.
 *
 * <p>It shares no code with the production walks: it reads the criteria as plain values ({@link Rules}),
 * decides which stakes are in force itself, and solves look-through by its own exact elimination.
 */
final class BoundsOracle {

    /** Scaled units per {@link Share} unit; an exclusive bound moves by one scaled unit. */
    static final long SCALE = 1_000;

    private static final long WHOLE = Share.HUNDRED_PERCENT * SCALE;

    /** What the oracle reads of the criteria: plain values, no methods of the production record. */
    record Rules(
            Set<String> banned,
            Set<PartyKind> seedKinds,
            long threshold,
            boolean inclusive,
            int controlBits,
            boolean countsUnaccounted) {

        static Rules of(RestrictionCriteria criteria) {
            return new Rules(
                    criteria.bannedJurisdictions(),
                    criteria.seedKinds(),
                    criteria.threshold(),
                    criteria.comparison() == Comparison.AT_LEAST,
                    criteria.controlBits(),
                    criteria.countsUnaccounted());
        }

        Rules withThreshold(long other) {
            return new Rules(banned, seedKinds, other, inclusive, controlBits, countsUnaccounted);
        }

        @Override
        public String toString() {
            return (inclusive ? ">= " : "> ") + Share.toPercent(threshold) + "% seeds " + seedKinds + " in " + banned
                    + ", control bits " + controlBits + (countsUnaccounted ? ", unaccounted counts" : "");
        }
    }

    /**
     * Restriction by extension for one party at one bound.
     *
     * @param restricted in the fixpoint: a seed, or an organisation restricted owners hold or control
     * @param exceeded an organisation that restricted owners hold or control, seed or not
     * @param restrictedShare what restricted owners hold: at the lower bound the sum of their minima, at the
     *     upper bound the supremum over assignments of what the owners restricted under each one hold
     * @param restrictedShareExclusive lower bound only: an exclusive minimum is in the sum
     */
    record ExtensionAnswer(
            boolean restricted, boolean exceeded, long restrictedShare, boolean restrictedShareExclusive) {}

    /** One order of a party's owners raised greedily: with ε (a true assignment), and on the closed bounds. */
    private record Choice(long[] open, long[] closed) {}

    /** One in-force stake into a party, as the oracle keeps it; {@code owner} may be the virtual owner. */
    private record Owner(int owner, long min, boolean minExclusive, long max, boolean maxExclusive, int controlBits) {

        long low(boolean open) {
            return min * SCALE + (open && minExclusive ? 1 : 0);
        }

        long high(boolean open) {
            return max * SCALE - (open && maxExclusive ? 1 : 0);
        }
    }

    private final Rules rules;
    private final int n;
    private final int unknown; // the virtual owner's index: n
    private final Map<String, Integer> indexOf = new HashMap<>();
    private final boolean[] seed;
    private final boolean[] organisation;
    private final List<List<Owner>> owners = new ArrayList<>();
    // Per party, its distinct greedy assignments (scaled): for extension, each order taken with ε and on
    // the closed bounds; for look-through, on the closed bounds only.
    private final List<List<Choice>> choices = new ArrayList<>();
    private final List<List<long[]>> closed = new ArrayList<>();

    private final ExtensionAnswer[] lower;
    private final ExtensionAnswer[] upper;
    private final Rational[] lookLower;
    private final Rational[] lookUpper;

    private BoundsOracle(BoundsGraph graph, Rules rules, long at) {
        this.rules = rules;
        this.n = graph.parties().size();
        this.unknown = n;
        seed = new boolean[n + 1];
        organisation = new boolean[n + 1];
        for (int i = 0; i < n; i++) {
            Party party = graph.parties().get(i);
            indexOf.put(party.id(), i);
            seed[i] = rules.seedKinds().contains(party.kind()) && rules.banned().contains(party.country());
            organisation[i] = party.kind() != PartyKind.INDIVIDUAL;
            owners.add(new ArrayList<>());
        }
        seed[unknown] = true;
        for (Stake stake : graph.stakes()) {
            StakeTerms t = stake.terms();
            if (t.validFrom() <= at && at < t.validTo()) {
                owners.get(indexOf.get(stake.ownedId()))
                        .add(new Owner(
                                indexOf.get(stake.ownerId()),
                                t.min(),
                                t.minExclusive(),
                                t.max(),
                                t.maxExclusive(),
                                t.controlBits()));
            }
        }
        for (int p = 0; p < n; p++) {
            if (rules.countsUnaccounted() && !owners.get(p).isEmpty()) {
                owners.get(p).add(new Owner(unknown, 0, false, Share.HUNDRED_PERCENT, false, 0));
            }
            choices.add(greedyChoices(owners.get(p)));
            List<long[]> distinct = new ArrayList<>();
            for (Choice choice : choices.get(p)) {
                if (distinct.stream().noneMatch(d -> Arrays.equals(d, choice.closed()))) {
                    distinct.add(choice.closed());
                }
            }
            closed.add(distinct);
        }
        lower = new ExtensionAnswer[n];
        upper = new ExtensionAnswer[n];
        lookLower = new Rational[n];
        lookUpper = new Rational[n];
    }

    /**
     * Solves every party of {@code graph} at instant {@code at} (epoch seconds), or nothing when the
     * combinations of greedy assignments to try exceed {@code budget}.
     */
    static Optional<BoundsOracle> solve(BoundsGraph graph, Rules rules, long at, long budget) {
        BoundsOracle oracle = new BoundsOracle(graph, rules, at);
        if (oracle.combinations() > budget) {
            return Optional.empty();
        }
        oracle.solveExtension();
        oracle.solveLookThrough();
        return Optional.of(oracle);
    }

    ExtensionAnswer lower(String id) {
        return lower[indexOf.get(id)];
    }

    ExtensionAnswer upper(String id) {
        return upper[indexOf.get(id)];
    }

    Rational lookThroughLower(String id) {
        return lookLower[indexOf.get(id)];
    }

    Rational lookThroughUpper(String id) {
        return lookUpper[indexOf.get(id)];
    }

    // ---- restriction by extension ----

    private void solveExtension() {
        long[][] minima = new long[n][];
        for (int p = 0; p < n; p++) {
            List<Owner> into = owners.get(p);
            minima[p] = new long[into.size()];
            for (int k = 0; k < into.size(); k++) {
                minima[p][k] = into.get(k).low(true);
            }
        }
        boolean[] certain = restricted(minima);
        for (int x = 0; x < n; x++) {
            long share = 0;
            boolean exclusive = false;
            for (Owner owner : owners.get(x)) {
                if (certain[owner.owner()]) {
                    share += owner.min();
                    exclusive |= owner.minExclusive();
                }
            }
            boolean held = organisation[x] && heldOrControlled(x, minima[x], certain);
            lower[x] = new ExtensionAnswer(certain[x], held, share, exclusive);
        }

        // Only organisations that are not seeds change who is restricted by their own assignment; a seed's
        // or an individual's assignment matters only to its own answer, so each of its choices is tried in
        // place. Who is restricted comes from the true assignment, what they hold from the closed bounds:
        // the supremum, which an exclusive maximum keeps out of reach.
        boolean[] possible = new boolean[n];
        boolean[] possiblyHeld = new boolean[n];
        long[] largest = new long[n];
        long[][] assignment = new long[n][];
        enumerate(choices, this::variesForExtension, picks -> {
            for (int p = 0; p < n; p++) {
                assignment[p] = choices.get(p).get(picks[p]).open();
            }
            boolean[] r = restricted(assignment);
            for (int x = 0; x < n; x++) {
                possible[x] |= r[x];
                List<Choice> own =
                        variesForExtension(x) ? List.of(choices.get(x).get(picks[x])) : choices.get(x);
                for (Choice choice : own) {
                    possiblyHeld[x] |= organisation[x] && heldOrControlled(x, choice.open(), r);
                    largest[x] = Math.max(largest[x], restrictedSum(x, choice.closed(), r) / SCALE);
                }
            }
        });
        for (int x = 0; x < n; x++) {
            upper[x] = new ExtensionAnswer(possible[x], possiblyHeld[x], largest[x], false);
        }
    }

    private boolean variesForExtension(int p) {
        return organisation[p] && !seed[p];
    }

    /** The least fixpoint: seeds, then organisations their restricted owners hold or control. */
    private boolean[] restricted(long[][] assignment) {
        boolean[] r = new boolean[n + 1];
        System.arraycopy(seed, 0, r, 0, n + 1);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int x = 0; x < n; x++) {
                if (!r[x] && organisation[x] && heldOrControlled(x, assignment[x], r)) {
                    r[x] = true;
                    changed = true;
                }
            }
        }
        return r;
    }

    /** Whether restricted owners of {@code x} pass the threshold under {@code shares}, or one controls it. */
    private boolean heldOrControlled(int x, long[] shares, boolean[] r) {
        List<Owner> into = owners.get(x);
        for (Owner owner : into) {
            if (r[owner.owner()] && (owner.controlBits() & rules.controlBits()) != 0) {
                return true;
            }
        }
        long sum = restrictedSum(x, shares, r);
        long threshold = rules.threshold() * SCALE;
        return rules.inclusive() ? sum >= threshold : sum > threshold;
    }

    private long restrictedSum(int x, long[] shares, boolean[] r) {
        long sum = 0;
        List<Owner> into = owners.get(x);
        for (int k = 0; k < into.size(); k++) {
            if (r[into.get(k).owner()]) {
                sum += shares[k];
            }
        }
        return sum;
    }

    /** Calls {@code check} with every combination of choices of the varying parties (the others at 0). */
    private static void enumerate(List<? extends List<?>> options, IntPredicate varies, Consumer<int[]> check) {
        int n = options.size();
        int[] picks = new int[n];
        while (true) {
            check.accept(picks);
            int p = 0;
            while (p < n && !(varies.test(p) && picks[p] + 1 < options.get(p).size())) {
                picks[p++] = 0;
            }
            if (p == n) {
                return;
            }
            picks[p]++;
        }
    }

    // ---- look-through ----

    private void solveLookThrough() {
        long[][] minima = new long[n][];
        for (int p = 0; p < n; p++) {
            List<Owner> into = owners.get(p);
            minima[p] = new long[into.size()];
            for (int k = 0; k < into.size(); k++) {
                minima[p][k] = into.get(k).low(false);
            }
        }
        Rational[] atMinima = lookThrough(minima);
        System.arraycopy(atMinima, 0, lookLower, 0, n);
        Rational[] best = new Rational[n];
        Arrays.fill(best, Rational.ZERO);
        long[][] assignment = new long[n][];
        enumerate(closed, p -> !seed[p], picks -> {
            for (int p = 0; p < n; p++) {
                assignment[p] = closed.get(p).get(picks[p]);
            }
            Rational[] value = lookThrough(assignment);
            for (int x = 0; x < n; x++) {
                if (value[x].compareTo(best[x]) > 0) {
                    best[x] = value[x];
                }
            }
        });
        System.arraycopy(best, 0, lookUpper, 0, n);
    }

    /**
     * The least solution of L(x) = 1 for a seed, else the sum over owners of share times L(owner): zero
     * for every party no seed reaches through positive shares, and on the others the unique solution of
     * the linear system, which cannot be singular there since a reached cycle leaks to its seed.
     */
    private Rational[] lookThrough(long[][] assignment) {
        boolean[] reached = new boolean[n + 1];
        System.arraycopy(seed, 0, reached, 0, n + 1);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int x = 0; x < n; x++) {
                List<Owner> into = owners.get(x);
                for (int k = 0; k < into.size() && !reached[x]; k++) {
                    if (assignment[x][k] > 0 && reached[into.get(k).owner()]) {
                        reached[x] = true;
                        changed = true;
                    }
                }
            }
        }
        List<Integer> unknowns = new ArrayList<>();
        int[] column = new int[n + 1];
        for (int x = 0; x < n; x++) {
            column[x] = -1;
            if (reached[x] && !seed[x]) {
                column[x] = unknowns.size();
                unknowns.add(x);
            }
        }
        int m = unknowns.size();
        Rational[][] a = new Rational[m][m + 1];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= m; j++) {
                a[i][j] = i == j ? Rational.ONE : Rational.ZERO;
            }
            int x = unknowns.get(i);
            List<Owner> into = owners.get(x);
            for (int k = 0; k < into.size(); k++) {
                int owner = into.get(k).owner();
                Rational share = Rational.of(assignment[x][k], WHOLE);
                if (seed[owner]) {
                    a[i][m] = a[i][m].add(share);
                } else if (owner < n && column[owner] >= 0) {
                    a[i][column[owner]] = a[i][column[owner]].subtract(share);
                }
            }
        }
        for (int col = 0; col < m; col++) {
            int pivot = col;
            while (a[pivot][col].isZero()) {
                pivot++; // runs off the end only on a singular system, which the comment above rules out
            }
            Rational[] swap = a[pivot];
            a[pivot] = a[col];
            a[col] = swap;
            for (int r = 0; r < m; r++) {
                if (r != col && !a[r][col].isZero()) {
                    Rational factor = a[r][col].divide(a[col][col]);
                    for (int c = col; c <= m; c++) {
                        a[r][c] = a[r][c].subtract(factor.multiply(a[col][c]));
                    }
                }
            }
        }
        Rational[] value = new Rational[n];
        for (int x = 0; x < n; x++) {
            value[x] = seed[x] ? Rational.ONE : Rational.ZERO;
        }
        for (int i = 0; i < m; i++) {
            value[unknowns.get(i)] = a[i][m].divide(a[i][i]);
        }
        return value;
    }

    // ---- greedy assignments ----

    /** How many combinations the upper bounds try: the larger of the two enumerations. */
    long combinations() {
        long extension = 1;
        long look = 1;
        for (int p = 0; p < n; p++) {
            if (variesForExtension(p)) {
                extension = Math.multiplyExact(extension, choices.get(p).size());
            }
            if (!seed[p]) {
                look = Math.multiplyExact(look, closed.get(p).size());
            }
        }
        return Math.max(extension, look);
    }

    /**
     * The distinct greedy assignments of one party's owners: every owner at its minimum, then, in each
     * order of the owners, each raised towards its maximum as far as what is left of 100% allows.
     */
    private static List<Choice> greedyChoices(List<Owner> into) {
        Map<List<Long>, Choice> distinct = new LinkedHashMap<>();
        for (int[] order : permutations(into.size())) {
            long[] open = greedy(into, order, true);
            long[] closed = greedy(into, order, false);
            List<Long> key = new ArrayList<>();
            for (int i = 0; i < open.length; i++) {
                key.add(open[i]);
                key.add(closed[i]);
            }
            distinct.putIfAbsent(key, new Choice(open, closed));
        }
        return List.copyOf(distinct.values());
    }

    private static long[] greedy(List<Owner> into, int[] order, boolean open) {
        long[] shares = new long[into.size()];
        long room = WHOLE;
        for (int i = 0; i < shares.length; i++) {
            shares[i] = into.get(i).low(open);
            room -= shares[i];
        }
        if (room < 0) {
            throw new IllegalStateException("no assignment: minima add up to more than 100% in " + into);
        }
        for (int i : order) {
            long raise = Math.min(into.get(i).high(open) - shares[i], room);
            shares[i] += raise;
            room -= raise;
        }
        return shares;
    }

    private static List<int[]> permutations(int k) {
        List<int[]> all = new ArrayList<>();
        permute(new int[k], new boolean[k], 0, all);
        return all;
    }

    private static void permute(int[] prefix, boolean[] used, int depth, List<int[]> all) {
        if (depth == prefix.length) {
            all.add(prefix.clone());
            return;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (!used[i]) {
                used[i] = true;
                prefix[depth] = i;
                permute(prefix, used, depth + 1, all);
                used[i] = false;
            }
        }
    }

    // ---- checking the oracle itself ----

    /**
     * One random assignment strictly inside every range (in whole {@link Share} units), or nothing when
     * the random draw found no room: which parties it restricts, what their restricted owners hold
     * (scaled), and the look-through it gives. Every one must lie within the oracle's bounds.
     */
    Optional<Sample> sample(Random random) {
        long[][] assignment = new long[n][];
        for (int p = 0; p < n; p++) {
            List<Owner> into = owners.get(p);
            int k = into.size();
            long[] shares = new long[k];
            long room = Share.HUNDRED_PERCENT;
            for (int i = 0; i < k; i++) {
                Owner owner = into.get(i);
                shares[i] = owner.min() + (owner.minExclusive() ? 1 : 0);
                room -= shares[i];
            }
            if (room < 0) {
                return Optional.empty();
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                order.add(i);
            }
            Collections.shuffle(order, random);
            for (int i : order) {
                Owner owner = into.get(i);
                long top = Math.min(owner.max() - (owner.maxExclusive() ? 1 : 0) - shares[i], room);
                if (top < 0) {
                    return Optional.empty();
                }
                long raise = switch (random.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> top;
                    default -> (long) (random.nextDouble() * (top + 1));
                };
                shares[i] += raise;
                room -= raise;
            }
            assignment[p] = new long[k];
            for (int i = 0; i < k; i++) {
                assignment[p][i] = shares[i] * SCALE;
            }
        }
        boolean[] r = restricted(assignment);
        Map<String, Boolean> restricted = new HashMap<>();
        Map<String, Boolean> exceeded = new HashMap<>();
        Map<String, Long> held = new HashMap<>();
        Map<String, Rational> look = new HashMap<>();
        Rational[] value = lookThrough(assignment);
        for (Map.Entry<String, Integer> entry : indexOf.entrySet()) {
            int x = entry.getValue();
            restricted.put(entry.getKey(), r[x]);
            exceeded.put(entry.getKey(), organisation[x] && heldOrControlled(x, assignment[x], r));
            held.put(entry.getKey(), restrictedSum(x, assignment[x], r));
            look.put(entry.getKey(), value[x]);
        }
        return Optional.of(new Sample(restricted, exceeded, held, look));
    }

    /** What one assignment gives; {@code restrictedScaled} in {@link #SCALE}d units. */
    record Sample(
            Map<String, Boolean> restricted,
            Map<String, Boolean> exceeded,
            Map<String, Long> restrictedScaled,
            Map<String, Rational> lookThrough) {}
}
