package io.clearance.ownership.evidence;

import io.clearance.domain.ControlBasis;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.Share;
import io.clearance.ownership.Bound;
import io.clearance.ownership.RestrictionCriteria;
import java.math.BigDecimal;
import java.util.List;

/**
 * What restriction by extension finds for one party: the aggregate share its restricted direct owners
 * hold, whether that passes the threshold, and the proof (the restricted owners, each grounded in a
 * banned-jurisdiction seed, and the paths from the seeds).
 *
 * @param bound which end of the uncertainty this finding takes: certainly (lower) or possibly (upper)
 * @param restrictedShare what restricted direct owners hold at this bound, in {@link Share} units
 * @param restrictedShareExclusive the true share lies strictly beyond {@code restrictedShare} (an exclusive
 *     range bound: above it for a lower bound, below it for an upper one)
 * @param unaccounted the share the registry does not account for, counted as restricted in an upper bound
 * @param controlled a restricted owner controls the party in a way the test counts (see {@link ControlBasis})
 * @param exceeded the party is restricted at this bound: a seed, or an organisation whose aggregate passes
 *     the threshold or that a restricted owner controls in a way the test counts
 * @param owners the restricted direct owners, largest stake first; they add up to restrictedShare
 * @param paths chains from seeds to the party, largest contribution first, at most {@link #MAX_PATHS}
 * @param pathsTruncated more paths exist than were listed
 */
public record ExtensionFinding(
        PartyInfo party,
        RestrictionCriteria criteria,
        Bound bound,
        long restrictedShare,
        boolean restrictedShareExclusive,
        long unaccounted,
        boolean controlled,
        boolean exceeded,
        List<RestrictedOwner> owners,
        List<OwnershipPath> paths,
        boolean pathsTruncated)
        implements BoundFinding {

    public static final int MAX_PATHS = 100;

    @Override
    public BigDecimal percent() {
        return Share.toPercent(restrictedShare);
    }
}
