package io.clearance.ownership;

import io.clearance.registry.PartyInfo;
import java.util.List;

/**
 * What restriction by extension finds for one party: the aggregate share its restricted direct owners
 * hold, whether that passes the threshold, and the proof (the restricted owners, each grounded in a
 * banned-jurisdiction seed, and the paths from the seeds).
 *
 * @param restrictedShare sum of the direct stakes of restricted owners, in {@link Share} units
 * @param exceeded the aggregate passes the threshold and the party is an organisation
 * @param owners the restricted direct owners, largest stake first; they add up to restrictedShare
 * @param paths chains from seeds to the party, largest contribution first, at most {@link #MAX_PATHS}
 * @param pathsTruncated more paths exist than were listed
 */
public record ExtensionFinding(
        PartyInfo party,
        RestrictionCriteria criteria,
        long restrictedShare,
        boolean exceeded,
        List<RestrictedOwner> owners,
        List<OwnershipPath> paths,
        boolean pathsTruncated) {

    public static final int MAX_PATHS = 100;
}
