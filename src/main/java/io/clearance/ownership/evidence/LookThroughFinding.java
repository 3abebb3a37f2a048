package io.clearance.ownership.evidence;

import io.clearance.domain.PartyInfo;
import io.clearance.ownership.Bound;
import io.clearance.ownership.Rational;
import io.clearance.ownership.RestrictionCriteria;
import io.clearance.ownership.lookthrough.LookThrough;
import java.math.BigDecimal;
import java.util.List;

/**
 * What look-through finds for one party: the share seed parties hold ultimately, exact, whether it passes
 * the threshold, the largest chains that make it up and what the unlisted chains add.
 *
 * @param bound which end of the uncertainty the share takes (see {@link LookThrough})
 * @param restrictedShare the look-through share as an exact fraction of the whole; 1 for a seed itself
 * @param exceeded the share passes the threshold (compared exactly) and the party is an organisation
 * @param paths the largest chains from seeds, largest first, at most {@link LookThrough#MAX_PATHS} of at most
 *     {@link LookThrough#MAX_PATH_STAKES} stakes each
 * @param unlisted the share minus the listed chains: what every other chain adds together
 * @param pathsTruncated chains exist that were not listed ({@code unlisted} is not zero)
 * @param counterfactual how the party would fall below the threshold; only when exceeded, else null
 * @param exact the share is solved exactly; {@code false}: the ancestors were beyond the exact solver's
 *     budget, and the share is the sum of the listed chains, a lower bound
 */
public record LookThroughFinding(
        PartyInfo party,
        RestrictionCriteria criteria,
        Bound bound,
        Rational restrictedShare,
        boolean exceeded,
        List<LookThroughPath> paths,
        Rational unlisted,
        boolean pathsTruncated,
        Counterfactual counterfactual,
        boolean exact)
        implements BoundFinding {

    @Override
    public BigDecimal percent() {
        return restrictedShare.toPercent();
    }
}
