package io.clearance.registry;

import io.clearance.ownership.Share;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates registries that look like real ones, for benchmarks and scale tests: corporate groups whose
 * sizes follow a power law, deep holding chains inside groups, minority cross-holdings between groups
 * (which make cycles), and a few percent of parties in banned jurisdictions. Deterministic for a seed.
 * Every party's incoming stakes add up to at most 100%, and no owner holds two stakes in the same party.
 */
public final class SyntheticRegistry {

    /** Receives the generated registry; parties always arrive before the stakes that name them. */
    public interface Sink {
        void party(PartyInfo party);

        void stake(String ownedId, String ownerId, long share);
    }

    private static final List<String> BANNED = List.of("CN", "RU", "IR", "KP");
    private static final List<String> OTHERS =
            List.of("US", "DE", "SG", "GB", "FR", "NL", "JP", "CH", "HK", "IE", "LU", "KY", "AE", "IN", "BR");

    private static final long PERCENT = Share.HUNDRED_PERCENT / 100;

    private final SplittableRandom random;
    private final double bannedFraction;

    public SyntheticRegistry(long seed, double bannedFraction) {
        this.random = new SplittableRandom(seed);
        this.bannedFraction = bannedFraction;
    }

    /** Generates {@code parties} parties and about {@code stakes} stakes into {@code sink}. */
    public void generate(int parties, int stakes, Sink sink) {
        long[] remaining = new long[parties];
        // The one in-group stake each member receives, so that a cross-holding never repeats it.
        int[] groupParent = new int[parties];
        Arrays.fill(groupParent, -1);
        for (int i = 0; i < parties; i++) {
            sink.party(party(i));
            remaining[i] = Share.HUNDRED_PERCENT;
        }
        int made = 0;
        // Groups: a parent and a tree below it; each member holds a controlling or minority stake in the next.
        int start = 0;
        while (start < parties && made < stakes) {
            int size = Math.min(groupSize(), parties - start);
            for (int member = start + 1; member < start + size && made < stakes; member++) {
                // Prefer recent members as parents: that builds deep chains as well as wide trees.
                int parent = member - 1 - (int) Math.min(member - start - 1, Math.abs(random.nextGaussian()) * 3);
                long share = (20 + random.nextInt(81)) * PERCENT;
                if (addStake(remaining, member, parent, share, sink)) {
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

    private boolean addStake(long[] remaining, int owned, int owner, long share, Sink sink) {
        long granted = Math.min(share, remaining[owned]);
        if (granted <= 0) {
            return false;
        }
        remaining[owned] -= granted;
        sink.stake(id(owned), id(owner), granted);
        return true;
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
