package io.clearance.ownership.evidence;

import io.clearance.domain.PartyInfo;
import java.util.List;

/**
 * A chain of restricted owners from a banned-jurisdiction seed down to the party decided on.
 *
 * @param parties the seed first, the party decided on last
 * @param stakes {@code stakes.get(i)} is the share {@code parties.get(i)} holds in {@code parties.get(i + 1)}
 */
public record OwnershipPath(List<PartyInfo> parties, List<Long> stakes) {

    /** What the path adds to the aggregate: under restriction by extension, the last stake, whole. */
    public long contribution() {
        return stakes.get(stakes.size() - 1);
    }
}
