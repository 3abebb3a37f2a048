package io.clearance.ownership.graph;

import io.clearance.domain.PartyInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a reload of the whole graph (an import's commit, a follower catching up) changed, found by comparing
 * the table it replaced with the one it swapped in: the parties added, removed or whose attributes changed,
 * those whose stakes into them (share, range, control, dates or source) changed, and the parties on a
 * reseller relationship that changed. These are roots in the sense of {@link GraphChangeListener#changed}:
 * a party's findings can only have moved when it is one of them or among their {@link Descendants}.
 *
 * <p>It also says what brought the reload about ({@link #origin()}): the imports it loaded, by job.
 *
 * <p>Computed when asked, on the asker's thread and under the graph's read lock a chunk at a time, never
 * inside the write lock of the reload: a listener that has no use for it (most) costs the reload nothing, and one that does (the
 * watches, so that an import re-decides the parties it touched, not every watched party) pays one pass over
 * both tables, O(parties + stakes), without deciding anything. The replaced table is kept only as long as
 * this object is.
 */
public final class ReloadChanges {

    // Parties compared per hold of the read lock.
    private static final int CHUNK = 20_000;

    private final OwnershipGraph graph;
    private final StakeTable before;
    private final StakeTable after;
    private final List<String> customerParties;
    private final ReloadOrigin origin;

    ReloadChanges(
            OwnershipGraph graph,
            StakeTable before,
            StakeTable after,
            List<String> customerParties,
            ReloadOrigin origin) {
        this.graph = graph;
        this.before = before;
        this.after = after;
        this.customerParties = List.copyOf(customerParties);
        this.origin = origin;
    }

    /** What the load brought in (the imports, by job) or why it was made: what a listener names as the cause. */
    public ReloadOrigin origin() {
        return origin;
    }

    /**
     * This reload and an {@code earlier} one not yet looked at, as one: from the table before the earlier one
     * to this one's, so a listener that falls behind keeps one replaced table, not one per reload.
     */
    public ReloadChanges since(ReloadChanges earlier) {
        List<String> customers = new ArrayList<>(earlier.customerParties);
        customers.addAll(customerParties);
        return new ReloadChanges(graph, earlier.before, after, customers, earlier.origin.then(origin));
    }

    /** The ids of the parties the reload changed, as roots (a removed party's id included). */
    public List<String> roots() {
        List<String> roots = new ArrayList<>(customerParties);
        // invariant: `before` is no table of the graph's any more, so nothing writes it; `after` may be edited
        // in place since the reload, under the write lock, so it is read under the read lock, a chunk at a time:
        // a registry write waits for one chunk, not the whole comparison (and decisions do not queue behind it).
        // Edits made between chunks were told to listeners on their own: finding them here too is harmless.
        for (int from = 0; ; from += CHUNK) {
            int start = from;
            if (!graph.read(() -> changedIn(start, roots))) {
                break;
            }
        }
        for (int from = 0; from < before.indexLimit(); from += CHUNK) {
            int start = from;
            graph.read(() -> removedIn(start, roots));
        }
        return roots;
    }

    /** Adds the parties of {@code after} in [from, from + CHUNK) that changed; false when past its end. */
    private boolean changedIn(int from, List<String> roots) {
        int limit = Math.min(after.indexLimit(), from + CHUNK);
        for (int index = from; index < limit; index++) {
            PartyInfo party = after.partyAt(index);
            if (party == null) {
                continue;
            }
            int was = before.indexOf(party.id());
            if (was < 0 || !party.equals(before.partyAt(was)) || !sameStakesInto(was, index)) {
                roots.add(party.id());
            }
        }
        return from + CHUNK < after.indexLimit();
    }

    /** Adds the parties of {@code before} in [from, from + CHUNK) that {@code after} no longer has. */
    private boolean removedIn(int from, List<String> roots) {
        int limit = Math.min(before.indexLimit(), from + CHUNK);
        for (int index = from; index < limit; index++) {
            PartyInfo party = before.partyAt(index);
            if (party != null && after.indexOf(party.id()) < 0) {
                roots.add(party.id());
            }
        }
        return true;
    }

    /** The stakes into a party are the same in both tables: the same owners (by id), terms and sources. */
    private boolean sameStakesInto(int was, int index) {
        int[] owners = after.ownersOf(index);
        int[] formerOwners = before.ownersOf(was);
        if (owners.length != formerOwners.length) {
            return false;
        }
        for (int k = 0; k < owners.length; k++) {
            // Owners usually keep their order (the registry is read in the same order); else find the owner.
            int formerOwner = k < formerOwners.length
                            && before.partyAt(formerOwners[k])
                                    .id()
                                    .equals(after.partyAt(owners[k]).id())
                    ? formerOwners[k]
                    : before.indexOf(after.partyAt(owners[k]).id());
            int position = formerOwner < 0 ? -1 : before.positionOf(was, formerOwner);
            if (position < 0 || !sameStake(was, position, index, k)) {
                return false;
            }
        }
        return true;
    }

    private boolean sameStake(int was, int position, int index, int k) {
        if (before.sharesOf(was)[position] != after.sharesOf(index)[k]
                || before.maxShare(was, position) != after.maxShare(index, k)
                || before.flags(was, position) != after.flags(index, k)) {
            return false;
        }
        long[] from = after.validFromOrNull(index);
        long[] formerFrom = before.validFromOrNull(was);
        if ((from == null) != (formerFrom == null)) {
            // One table keeps dates for the party and the other not: equal only if both say "always".
            if (!before.termsOf(was, position).equals(after.termsOf(index, k))) {
                return false;
            }
        } else if (from != null
                && (from[k] != formerFrom[position]
                        || after.validToOrNull(index)[k] != before.validToOrNull(was)[position])) {
            return false;
        }
        return Objects.equals(before.sourceOf(was, position), after.sourceOf(index, k));
    }
}
