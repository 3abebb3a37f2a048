package io.clearance.ownership.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import io.clearance.domain.ControlBasis;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.ownership.graph.StakeSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One restricted owner in the proof of a finding: the party, the stake it holds in the party below it (with
 * what the registry says of that stake beyond an exact, undated share), why it is restricted itself and, for
 * an owner restricted by extension, its own restricted owners. Absent fields are absent from the JSON, so an
 * ordinary owner reads as the few fields it has.
 *
 * @param source where the registry has the stake from: the source, its record and the date it is as of;
 *     absent for a stake typed through the API
 * @param restrictedAs {@code seed} (restricted on its own account) or {@code extension}
 * @param restrictedShare for an owner restricted by extension, what restricted parties hold of it
 * @param shownAbove the owner's own proof is shown where it first appears in the tree
 * @param restrictedOwners the owners that ground this one; absent for a seed, an owner shown above, or an
 *     owner whose owners were cut by depth ({@code truncated})
 * @param ownersLeftOut proof nodes above this owner the evidence left out
 */
public record OwnerEvidence(
        String partyId,
        String name,
        String kind,
        String country,
        BigDecimal percent,
        @JsonInclude(Include.NON_NULL) Range range,
        @JsonInclude(Include.NON_NULL) List<String> control,
        @JsonInclude(Include.NON_NULL) String validFrom,
        @JsonInclude(Include.NON_NULL) String validTo,
        @JsonInclude(Include.NON_NULL) Source source,
        String restrictedAs,
        @JsonInclude(Include.NON_NULL) BigDecimal restrictedShare,
        @JsonInclude(Include.NON_NULL) Boolean shownAbove,
        @JsonInclude(Include.NON_NULL) List<OwnerEvidence> restrictedOwners,
        @JsonInclude(Include.NON_NULL) Boolean truncated,
        @JsonInclude(Include.NON_NULL) Long ownersLeftOut) {

    /**
     * A stake registered as a range: each end named for whether it is included ({@code atLeast},
     * {@code atMost}) or excluded ({@code min}, {@code max}); exactly one of each pair is set.
     */
    public record Range(
            @JsonInclude(Include.NON_NULL) BigDecimal min,
            @JsonInclude(Include.NON_NULL) BigDecimal atLeast,
            @JsonInclude(Include.NON_NULL) BigDecimal max,
            @JsonInclude(Include.NON_NULL) BigDecimal atMost) {

        /** The range of {@code terms}; {@code null} when the stake is exact (or there are no terms). */
        static Range of(StakeTerms terms) {
            if (terms == null || terms.isExact()) {
                return null;
            }
            BigDecimal min = Share.toPercent(terms.min());
            BigDecimal max = Share.toPercent(terms.max());
            return new Range(
                    terms.minExclusive() ? min : null,
                    terms.minExclusive() ? null : min,
                    terms.maxExclusive() ? max : null,
                    terms.maxExclusive() ? null : max);
        }
    }

    /** Where a stake came from, as evidence names it: {@code gleif}, the relationship record, as of a date. */
    public record Source(
            String source,
            @JsonInclude(Include.NON_NULL) String recordId,
            @JsonInclude(Include.NON_NULL) String asOf) {

        /** The evidence of {@code from}; null for a stake typed through the API. */
        static Source of(StakeSource from) {
            return from == null
                    ? null
                    : new Source(
                            from.source(),
                            from.recordId(),
                            from.asOf() == null ? null : from.asOf().toString());
        }
    }

    /** What the stake's terms add to the evidence: range, control and dates, each only when it says something. */
    record Terms(Range range, List<String> control, String validFrom, String validTo) {

        static final Terms NONE = new Terms(null, null, null, null);

        static Terms of(StakeTerms terms) {
            if (terms == null) {
                return NONE;
            }
            return new Terms(
                    Range.of(terms),
                    terms.hasControl()
                            ? terms.control().stream()
                                    .map(ControlBasis::wireName)
                                    .toList()
                            : null,
                    terms.validFrom() != StakeTerms.ALWAYS_FROM
                            ? Instant.ofEpochSecond(terms.validFrom()).toString()
                            : null,
                    terms.validTo() != StakeTerms.ALWAYS_TO
                            ? Instant.ofEpochSecond(terms.validTo()).toString()
                            : null);
        }
    }
}
