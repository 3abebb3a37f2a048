package io.clearance.ownership;

import io.clearance.domain.ControlBasis;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.ownership.BruteForceOracle.Party;
import io.clearance.ownership.graph.OwnershipGraph;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A small registry whose stakes carry full {@link StakeTerms} (ranges with exclusive bounds, control
 * without a percentage, effective dates), the random generator of such registries, and a description
 * that reproduces a failing case by reading it.
 *
 * <p>invariant: every party's stakes have minima adding up to at most 100%, and to less than 100% when
 * one of them has an exclusive minimum, so at every instant some assignment of shares exists.
 */
record BoundsGraph(List<Party> parties, List<Stake> stakes) {

    /** {@code ownerId} holds a stake in {@code ownedId} on {@code terms}. */
    record Stake(String ownerId, String ownedId, StakeTerms terms) {

        @Override
        public String toString() {
            return ownerId + "->" + ownedId + " " + describe(terms);
        }
    }

    // Instants of the dated stakes, epoch seconds: 2020-09-13, 2022-04-15, 2023-11-14 and 2100-01-01.
    // Now lies between the last two for the life of this test, so "now" sees a fixed set of stakes.
    static final long T1 = 1_600_000_000L;
    static final long T2 = 1_650_000_000L;
    static final long T3 = 1_700_000_000L;
    static final long T4 = 4_102_444_800L;
    /** Instants worth asking about: both sides of every boundary, and a moment of the present era. */
    static final long[] QUERY_INSTANTS = {T1 - 1, T1, T2 - 1, T2, T3 - 1, T3, 1_750_000_000L, T4 - 1, T4};

    private static final long PERCENT = Share.fromPercent("1");
    private static final String[] COUNTRIES = {"CN", "RU", "DE", "US"};
    private static final PartyKind[] KINDS = {
        PartyKind.COMPANY, PartyKind.COMPANY, PartyKind.GOVERNMENT, PartyKind.UNIVERSITY, PartyKind.INDIVIDUAL
    };
    // Shares a registry states: round figures, quarters, a third, so that sums hit thresholds exactly.
    private static final long[] ROUND_SHARES = {
        0, 5, 10, 12_500_000, 15, 20, 25, 30, 33_333_333, 40, 45, 50, 55, 60, 70, 75, 80, 90, 100
    };
    // BODS-style bands {min, minExclusive, max, maxExclusive}, in percent: "more than 25% up to 50%" etc.
    private static final long[][] BANDS = {
        {0, 0, 25, 1}, {0, 1, 25, 0}, {25, 1, 50, 0}, {25, 0, 50, 1}, {25, 1, 50, 1}, {50, 1, 75, 0},
        {50, 1, 100, 0}, {75, 1, 100, 0}, {50, 0, 75, 1}, {10, 0, 20, 0}, {0, 0, 100, 0}, {20, 1, 30, 1}
    };

    OwnershipGraph toGraph() {
        OwnershipGraph graph = new OwnershipGraph();
        for (Party party : parties) {
            graph.putParty(info(party));
        }
        for (Stake stake : stakes) {
            graph.putStake(stake.ownedId(), stake.ownerId(), stake.terms());
        }
        return graph;
    }

    static PartyInfo info(Party party) {
        return new PartyInfo(party.id(), "Party " + party.id(), party.kind(), party.country(), null);
    }

    boolean dated() {
        return stakes.stream()
                .anyMatch(s -> s.terms().validFrom() != StakeTerms.ALWAYS_FROM
                        || s.terms().validTo() != StakeTerms.ALWAYS_TO);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("parties [");
        for (Party party : parties) {
            text.append(party.id())
                    .append(' ')
                    .append(party.kind())
                    .append(' ')
                    .append(party.country())
                    .append(party == parties.get(parties.size() - 1) ? "" : ", ");
        }
        return text.append("] stakes ").append(stakes).toString();
    }

    /** Terms as a reader writes them: {@code (25,50]%}, {@code 30%}, {@code control{consolidation}}, dates. */
    static String describe(StakeTerms terms) {
        StringBuilder text = new StringBuilder();
        if (terms.min() == terms.max()) {
            text.append(Share.toPercent(terms.min())).append('%');
        } else {
            text.append(terms.minExclusive() ? '(' : '[')
                    .append(Share.toPercent(terms.min()))
                    .append(',')
                    .append(Share.toPercent(terms.max()))
                    .append(terms.maxExclusive() ? ')' : ']')
                    .append('%');
        }
        if (terms.controlBits() != 0) {
            text.append(" control");
            for (ControlBasis basis : ControlBasis.values()) {
                if ((terms.controlBits() & basis.bit()) != 0) {
                    text.append(' ').append(basis.wireName());
                }
            }
        }
        if (terms.validFrom() != StakeTerms.ALWAYS_FROM || terms.validTo() != StakeTerms.ALWAYS_TO) {
            text.append(" from ")
                    .append(terms.validFrom() == StakeTerms.ALWAYS_FROM ? "-inf" : terms.validFrom())
                    .append(" to ")
                    .append(terms.validTo() == StakeTerms.ALWAYS_TO ? "+inf" : terms.validTo());
        }
        return text.toString();
    }

    // ---- generation ----

    /**
     * A random registry of 2 to {@code maxParties} parties, each held by at most three others (cycles
     * welcome, no stake in oneself); with {@code dated}, a third of the stakes have effective dates.
     */
    static BoundsGraph random(Random random, int maxParties, boolean dated) {
        int n = 2 + random.nextInt(maxParties - 1);
        List<Party> parties = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            parties.add(randomParty(random, "p" + i));
        }
        List<Stake> stakes = new ArrayList<>();
        for (int owned = 0; owned < n; owned++) {
            int wanted = Math.min(n - 1, ownerCount(random));
            List<Integer> owners = new ArrayList<>();
            while (owners.size() < wanted) {
                int owner = random.nextInt(n);
                if (owner != owned && !owners.contains(owner)) {
                    owners.add(owner);
                }
            }
            List<StakeTerms> accepted = new ArrayList<>();
            for (int owner : owners) {
                for (int attempt = 0; attempt < 4; attempt++) {
                    StakeTerms terms = randomTerms(random, dated);
                    if (fits(accepted, terms)) {
                        accepted.add(terms);
                        stakes.add(new Stake("p" + owner, "p" + owned, terms));
                        break;
                    }
                }
            }
        }
        return new BoundsGraph(List.copyOf(parties), List.copyOf(stakes));
    }

    /** Random criteria: thresholds at 25% and 50% mostly, either comparison, control counted or not, unaccounted shares counted or not. */
    static RestrictionCriteria randomCriteria(Random random) {
        long threshold = switch (random.nextInt(4)) {
            case 0 -> 25 * PERCENT;
            case 1, 2 -> 50 * PERCENT;
            default -> (5 + 5 * random.nextInt(15)) * PERCENT;
        };
        Set<PartyKind> seedKinds = switch (random.nextInt(3)) {
            case 0 -> EnumSet.of(PartyKind.COMPANY, PartyKind.GOVERNMENT, PartyKind.UNIVERSITY);
            case 1 -> EnumSet.of(PartyKind.GOVERNMENT, PartyKind.COMPANY);
            default -> EnumSet.allOf(PartyKind.class);
        };
        return new RestrictionCriteria(
                Set.of("CN", "RU"),
                seedKinds,
                threshold,
                random.nextBoolean() ? Comparison.GREATER_THAN : Comparison.AT_LEAST,
                random.nextBoolean() ? 0 : ControlBasis.CONSOLIDATION.bit(),
                random.nextBoolean());
    }

    static Party randomParty(Random random, String id) {
        return new Party(id, KINDS[random.nextInt(KINDS.length)], COUNTRIES[random.nextInt(COUNTRIES.length)]);
    }

    private static int ownerCount(Random random) {
        int roll = random.nextInt(20);
        return roll < 5 ? 0 : roll < 11 ? 1 : roll < 16 ? 2 : 3;
    }

    /** Whether {@code terms} may join stakes into one party and keep some assignment possible. */
    static boolean fits(List<StakeTerms> others, StakeTerms terms) {
        long minima = terms.min();
        boolean exclusive = terms.minExclusive();
        for (StakeTerms other : others) {
            minima += other.min();
            exclusive |= other.minExclusive();
        }
        return minima < Share.HUNDRED_PERCENT || (minima == Share.HUNDRED_PERCENT && !exclusive);
    }

    static StakeTerms randomTerms(Random random, boolean dated) {
        StakeTerms terms = switch (random.nextInt(12)) {
            case 0, 1 -> StakeTerms.exact(roundShare(random));
            case 2, 3, 4 -> band(BANDS[random.nextInt(BANDS.length)]);
            case 5, 6 -> randomRange(random);
            case 7 -> StakeTerms.control(java.util.Set.of()).withControl(bases(random));
            case 8 ->
                (random.nextBoolean() ? randomRange(random) : StakeTerms.exact(roundShare(random)))
                        .withControl(bases(random));
            case 9 -> band(new long[] {50, 1, random.nextBoolean() ? 100 : 75, 0});
            case 10 -> StakeTerms.exact((1 + random.nextInt(10_000)) * 10_000L);
            default -> StakeTerms.exact(random.nextBoolean() ? 25 * PERCENT : 50 * PERCENT); // ties at thresholds
        };
        if (dated && random.nextInt(3) == 0) {
            long[] froms = {StakeTerms.ALWAYS_FROM, T1, T2, T3};
            long[] tos = {T2, T3, T4, StakeTerms.ALWAYS_TO};
            long from;
            long to;
            do {
                from = froms[random.nextInt(froms.length)];
                to = tos[random.nextInt(tos.length)];
            } while (from >= to || (from == StakeTerms.ALWAYS_FROM && to == StakeTerms.ALWAYS_TO));
            terms = new StakeTerms(
                    terms.min(),
                    terms.minExclusive(),
                    terms.max(),
                    terms.maxExclusive(),
                    terms.controlBits(),
                    from,
                    to);
        }
        return terms;
    }

    private static long roundShare(Random random) {
        long share = ROUND_SHARES[random.nextInt(ROUND_SHARES.length)];
        return share <= 100 ? share * PERCENT : share;
    }

    private static StakeTerms band(long[] band) {
        return new StakeTerms(
                band[0] * PERCENT,
                band[1] == 1,
                band[2] * PERCENT,
                band[3] == 1,
                0,
                StakeTerms.ALWAYS_FROM,
                StakeTerms.ALWAYS_TO);
    }

    private static StakeTerms randomRange(Random random) {
        long a = roundShare(random);
        long b = roundShare(random);
        while (a == b) {
            b = roundShare(random);
        }
        return new StakeTerms(
                Math.min(a, b),
                random.nextBoolean(),
                Math.max(a, b),
                random.nextBoolean(),
                0,
                StakeTerms.ALWAYS_FROM,
                StakeTerms.ALWAYS_TO);
    }

    private static Set<ControlBasis> bases(Random random) {
        Set<ControlBasis> bases = EnumSet.noneOf(ControlBasis.class);
        while (bases.isEmpty()) {
            for (ControlBasis basis : ControlBasis.values()) {
                if (random.nextInt(3) == 0) {
                    bases.add(basis);
                }
            }
        }
        return bases;
    }
}
