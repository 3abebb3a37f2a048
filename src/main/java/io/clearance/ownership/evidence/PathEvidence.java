package io.clearance.ownership.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.math.BigDecimal;
import java.util.List;

/**
 * One chain of holdings from a seed down to the party decided on, as evidence: what it adds to the finding,
 * its parties and one line of text. A chain longer than {@link EvidenceLimits#maxPathHops()} shows its two
 * ends and says how many parties between them were left out and where.
 *
 * @param contribution what the chain adds, as a percentage (rounded half-up to six places for look-through)
 * @param contributionExact look-through only, when rounding lost something: the exact percentage as a fraction
 * @param parties each party shown, with the stake it receives from the party before it in the chain
 * @param text "`a` (A, CN) -60%-> `b` (B, SG) -60%-> `c` (C, DE)", with "… 7 parties left out …" at a cut
 * @param hopsLeftOut parties of the chain not shown; only when cut
 * @param leftOutAfter how many of {@code parties} come before the cut; only when cut
 */
public record PathEvidence(
        BigDecimal contribution,
        @JsonInclude(Include.NON_NULL) String contributionExact,
        List<Hop> parties,
        String text,
        @JsonInclude(Include.NON_NULL) Boolean truncated,
        @JsonInclude(Include.NON_NULL) Integer hopsLeftOut,
        @JsonInclude(Include.NON_NULL) Integer leftOutAfter) {

    /**
     * One party of a chain and the stake it receives from the party before it ({@code percent} absent for the
     * seed at the top), with where the registry has that stake from: the source that stated it (the one
     * precedence kept, when several did), its record and date; absent for a stake typed through the API.
     */
    public record Hop(
            String partyId,
            String name,
            String kind,
            String country,
            @JsonInclude(Include.NON_NULL) BigDecimal percent,
            @JsonInclude(Include.NON_NULL) OwnerEvidence.Source source) {}

    static PathEvidence of(BigDecimal contribution, String contributionExact, ChainEvidence chain) {
        boolean cut = chain.leftOut() > 0;
        return new PathEvidence(
                contribution,
                contributionExact,
                chain.hops(),
                chain.text(),
                cut ? Boolean.TRUE : null,
                cut ? chain.leftOut() : null,
                cut ? chain.leftOutAfter() : null);
    }
}
