package io.clearance.registry.io;

import io.clearance.domain.ControlBasis;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.registry.RegistrySink;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates registries that look like real ones, for benchmarks and scale tests: corporate groups whose
 * sizes follow a power law, deep holding chains inside groups, minority cross-holdings between groups
 * (which make cycles), and a few percent of parties in banned jurisdictions. A {@link Mix} of stakes is
 * reported as registries report them: as BODS-style bands rather than exact figures, as consolidation
 * without a percentage, or with the dates they are in force. Deterministic for a seed. Every party's
 * incoming stakes add up to at most 100% (their minimums, at any instant), and no owner holds two stakes in
 * the same party.
 */
public final class SyntheticRegistry {

    /**
     * Which fractions of the stakes are not plain exact shares, each between 0 and 1.
     *
     * @param ranges stakes reported as a band (0–10, 10–25, 25–50, 50–75, 75–100, bounds exclusive)
     * @param controlOnly in-group links reported as consolidation without a percentage
     * @param dated stakes with a start date in 2021–2025, half of them also with an end
     */
    public record Mix(double ranges, double controlOnly, double dated) {

        /** About 3% bands, 1% consolidation only, 2% dated. */
        public static final Mix DEFAULT = new Mix(0.03, 0.01, 0.02);

        public static final Mix EXACT_ONLY = new Mix(0, 0, 0);

        public Mix {
            for (double fraction : new double[] {ranges, controlOnly, dated}) {
                if (!(fraction >= 0 && fraction <= 1)) {
                    throw new IllegalArgumentException("a fraction of stakes must lie between 0 and 1");
                }
            }
        }
    }

    private static final List<String> BANNED = List.of("CN", "RU", "IR", "KP");
    private static final List<String> OTHERS =
            List.of("US", "DE", "SG", "GB", "FR", "NL", "JP", "CH", "HK", "IE", "LU", "KY", "AE", "IN", "BR");

    private static final long PERCENT = Share.HUNDRED_PERCENT / 100;
    private static final Set<ControlBasis> CONSOLIDATION = Set.of(ControlBasis.CONSOLIDATION);
    // In-group links per party (one per member but each group's head; measured with the group sizes drawn
    // below). Consolidation is drawn among those links only, so its odds there are scaled to all stakes.
    private static final double GROUP_LINKS_PER_PARTY = 0.78;
    private static final long[] BAND_EDGES = {0, 10 * PERCENT, 25 * PERCENT, 50 * PERCENT, 75 * PERCENT, 100 * PERCENT};
    private static final long FIRST_START = 1_609_459_200L; // 2021-01-01T00:00:00Z
    private static final long DAY = 86_400L;

    private final SplittableRandom random;
    // Terms are drawn from their own sequence, so that the mix changes the shape of the graph as little as it can.
    private final SplittableRandom termsRandom;
    private final double bannedFraction;
    private final Mix mix;

    public SyntheticRegistry(long seed, double bannedFraction) {
        this(seed, bannedFraction, Mix.DEFAULT);
    }

    public SyntheticRegistry(long seed, double bannedFraction, Mix mix) {
        this.random = new SplittableRandom(seed);
        this.termsRandom = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.bannedFraction = bannedFraction;
        this.mix = mix;
    }

    /** Generates {@code parties} parties and about {@code stakes} stakes into {@code sink}. */
    public void generate(int parties, int stakes, RegistrySink sink) {
        long[] remaining = new long[parties];
        // The one in-group stake each member receives, so that a cross-holding never repeats it.
        int[] groupParent = new int[parties];
        Arrays.fill(groupParent, -1);
        for (int i = 0; i < parties; i++) {
            sink.party(party(i));
            remaining[i] = Share.HUNDRED_PERCENT;
        }
        int made = 0;
        double consolidationOdds = mix.controlOnly * Math.max(1, stakes / (GROUP_LINKS_PER_PARTY * parties));
        // Groups: a parent and a tree below it; each member holds a controlling or minority stake in the next.
        int start = 0;
        while (start < parties && made < stakes) {
            int size = Math.min(groupSize(), parties - start);
            for (int member = start + 1; member < start + size && made < stakes; member++) {
                // Prefer recent members as parents: that builds deep chains as well as wide trees.
                int parent = member - 1 - (int) Math.min(member - start - 1, Math.abs(random.nextGaussian()) * 3);
                long share = (20 + random.nextInt(81)) * PERCENT;
                if (termsRandom.nextDouble() < consolidationOdds) {
                    sink.stake(id(member), id(parent), dated(StakeTerms.control(CONSOLIDATION)));
                    groupParent[member] = parent;
                    made++;
                } else if (addStake(remaining, member, parent, share, sink)) {
                    groupParent[member] = parent;
                    made++;
                }
            }
            start += size;
        }
        // Cross-holdings: minority stakes between arbitrary parties, some of them closing cycles.
        int attempts = 0;
        PairSet crossHoldings = new PairSet(Math.max(16, stakes - made));
        while (made < stakes && attempts < stakes * 4) {
            attempts++;
            int owned = random.nextInt(parties);
            int owner = random.nextInt(parties);
            // 1.00% to 30.00%, in hundredths of a percent, as registries report them.
            long share = (100 + random.nextInt(2901)) * (PERCENT / 100);
            if (owned == owner
                    || groupParent[owned] == owner
                    || remaining[owned] == 0
                    || !crossHoldings.add(owned, owner)) {
                continue;
            }
            if (addStake(remaining, owned, owner, share, sink)) {
                made++;
            }
        }
    }

    public static String id(int index) {
        return "p" + index;
    }

    private boolean addStake(long[] remaining, int owned, int owner, long share, RegistrySink sink) {
        long granted = Math.min(share, remaining[owned]);
        if (granted <= 0) {
            return false;
        }
        // invariant: the budget counts the whole granted share, and a band's minimum lies below it, so the
        // minimums in a party stay within 100% (strictly, once a band is among them) whatever the dates.
        remaining[owned] -= granted;
        sink.stake(id(owned), id(owner), dated(reported(granted)));
        return true;
    }

    /** The share as a registry reports it: mostly exact, sometimes only the band it falls in. */
    private StakeTerms reported(long share) {
        if (termsRandom.nextDouble() >= mix.ranges) {
            return StakeTerms.exact(share);
        }
        for (int band = 1; band < BAND_EDGES.length; band++) {
            if (share < BAND_EDGES[band]) {
                // A share on a band edge belongs to no exclusive band: it stays exact.
                return share == BAND_EDGES[band - 1]
                        ? StakeTerms.exact(share)
                        : StakeTerms.between(BAND_EDGES[band - 1], BAND_EDGES[band]);
            }
        }
        return StakeTerms.exact(share);
    }

    private StakeTerms dated(StakeTerms terms) {
        if (termsRandom.nextDouble() >= mix.dated) {
            return terms;
        }
        Instant from = Instant.ofEpochSecond(FIRST_START + termsRandom.nextInt(5 * 365) * DAY);
        Instant to = termsRandom.nextBoolean() ? from.plusSeconds((180 + termsRandom.nextInt(3 * 365)) * DAY) : null;
        return terms.during(from, to);
    }

    /** Pareto-distributed group size, 1 to 5000: most groups are small, a few are very large. */
    private int groupSize() {
        double pareto = Math.pow(1 - random.nextDouble(), -1 / 1.3);
        return (int) Math.min(5000, Math.max(1, pareto));
    }

    /** Set of (owned, owner) pairs as longs in an open-addressing table; about 16 bytes a pair. */
    private static final class PairSet {
        private long[] slots;
        private int size;

        PairSet(int expected) {
            slots = new long[Integer.highestOneBit(Math.max(16, expected) / 3 * 4) << 1];
            Arrays.fill(slots, -1L);
        }

        /** False when the pair is already present. */
        boolean add(int owned, int owner) {
            if ((size + 1) * 4L > slots.length * 3L) {
                long[] old = slots;
                slots = new long[old.length * 2];
                Arrays.fill(slots, -1L);
                for (long pair : old) {
                    if (pair != -1L) {
                        insert(pair);
                    }
                }
            }
            if (!insert(((long) owned << 32) | owner)) {
                return false;
            }
            size++;
            return true;
        }

        private boolean insert(long pair) {
            int mask = slots.length - 1;
            long mixed = pair * 0x9E3779B97F4A7C15L;
            for (int slot = (int) (mixed ^ (mixed >>> 32)) & mask; ; slot = (slot + 1) & mask) {
                if (slots[slot] == pair) {
                    return false;
                }
                if (slots[slot] == -1L) {
                    slots[slot] = pair;
                    return true;
                }
            }
        }
    }

    private PartyInfo party(int index) {
        double roll = random.nextDouble();
        PartyKind kind = roll < 0.05
                ? PartyKind.INDIVIDUAL
                : roll < 0.07 ? PartyKind.GOVERNMENT : roll < 0.09 ? PartyKind.UNIVERSITY : PartyKind.COMPANY;
        String country = random.nextDouble() < bannedFraction
                ? BANNED.get(random.nextInt(BANNED.size()))
                : OTHERS.get(random.nextInt(OTHERS.size()));
        return new PartyInfo(id(index), "Party " + index, kind, country, null);
    }
}
