package io.clearance.ownership.evidence;

import io.clearance.domain.PartyInfo;
import io.clearance.ownership.graph.StakeSource;
import java.util.List;

/**
 * A chain of restricted owners from a banned-jurisdiction seed down to the party decided on.
 *
 * @param parties the seed first, the party decided on last
 * @param stakes {@code stakes.get(i)} is the share {@code parties.get(i)} holds in {@code parties.get(i + 1)}
 * @param sources where the registry has each stake from, alongside {@code stakes} (null for a stake typed
 *     through the API); empty when no stake of the chain has a source, as in a registry typed by hand
 */
public record OwnershipPath(List<PartyInfo> parties, List<Long> stakes, List<StakeSource> sources) {

    public OwnershipPath {
        sources = StakeSourcesAlong.checked(sources, stakes);
    }

    /** A chain whose sources are not looked up (yet); {@link StakeSourcesAlong} adds them. */
    public OwnershipPath(List<PartyInfo> parties, List<Long> stakes) {
        this(parties, stakes, List.of());
    }

    /** What the path adds to the aggregate: under restriction by extension, the last stake, whole. */
    public long contribution() {
        return stakes.get(stakes.size() - 1);
    }
}
