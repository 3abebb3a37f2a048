package io.clearance.ownership.evidence;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.Share;
import io.clearance.ownership.graph.StakeSource;
import java.util.ArrayList;
import java.util.List;

/**
 * A chain of holdings from a seed down to the party decided on, as evidence: its hops and one line of text.
 * A chain longer than {@link EvidenceLimits#maxPathHops()} shows its two ends, the seed's and the party's,
 * and says how many parties between them were left out and where.
 *
 * @param hops each party shown, with the stake it receives from the party before it in the chain and where
 *     the registry has that stake from (absent for the API's)
 * @param text "`a` (A, CN) -60%-> `b` (B, SG) -60%-> `c` (C, DE)", with "… 7 parties left out …" at a cut
 * @param leftOut parties of the chain not shown (0: the whole chain)
 * @param leftOutAfter how many of {@code hops} come before the cut
 */
record ChainEvidence(List<PathEvidence.Hop> hops, String text, int leftOut, int leftOutAfter) {

    /** A whole chain of holdings as one line; {@code stakes.get(i)} is held by {@code parties.get(i)} in the next. */
    static String text(List<PartyInfo> parties, List<Long> stakes) {
        return of(parties, stakes, List.of(), parties.size()).text();
    }

    /**
     * {@code stakes.get(i)} is held by {@code parties.get(i)} in the next, stated by {@code sources.get(i)}
     * ({@code sources} empty when none has a source); at most {@code maxHops} stakes shown.
     */
    static ChainEvidence of(List<PartyInfo> parties, List<Long> stakes, List<StakeSource> sources, int maxHops) {
        int shown = Math.min(parties.size(), maxHops + 1);
        // invariant: head >= 1 and tail >= 1, so the seed and the party decided on are always shown.
        int head = shown == parties.size() ? shown : shown / 2;
        int tail = shown - head;
        int leftOut = parties.size() - shown;
        List<PathEvidence.Hop> hops = new ArrayList<>(shown);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parties.size(); i++) {
            if (i == head && leftOut > 0) {
                // Jump to the tail: the stake into the first left-out party, the gap, the stake out of the last.
                text.append(" -")
                        .append(percent(stakes.get(head - 1)))
                        .append("%-> … ")
                        .append(leftOut)
                        .append(leftOut == 1 ? " party" : " parties")
                        .append(" left out …");
                i = parties.size() - tail;
                hops.add(hop(parties, stakes, sources, i));
                text.append(" -").append(percent(stakes.get(i - 1))).append("%-> ");
                party(parties.get(i), text);
                continue;
            }
            hops.add(hop(parties, stakes, sources, i));
            if (i > 0) {
                text.append(" -").append(percent(stakes.get(i - 1))).append("%-> ");
            }
            party(parties.get(i), text);
        }
        return new ChainEvidence(List.copyOf(hops), text.toString(), leftOut, leftOut > 0 ? head : hops.size());
    }

    private static PathEvidence.Hop hop(List<PartyInfo> parties, List<Long> stakes, List<StakeSource> sources, int i) {
        PartyInfo party = parties.get(i);
        // The hop after a cut names the stake it receives from the last party left out, and that stake's source.
        return new PathEvidence.Hop(
                party.id(),
                party.name(),
                party.kind().name(),
                party.country(),
                i > 0 ? Share.toPercent(stakes.get(i - 1)) : null,
                i > 0 && !sources.isEmpty() ? OwnerEvidence.Source.of(sources.get(i - 1)) : null);
    }

    private static String percent(long stake) {
        return Share.toPercent(stake).toPlainString();
    }

    private static void party(PartyInfo party, StringBuilder text) {
        text.append('`')
                .append(party.id())
                .append("` (")
                .append(party.name())
                .append(", ")
                .append(party.country())
                .append(')');
    }
}
