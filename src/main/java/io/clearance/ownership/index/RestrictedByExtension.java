package io.clearance.ownership.index;

import io.clearance.ownership.Bound;
import io.clearance.ownership.RestrictionCriteria;
import io.clearance.ownership.evidence.ExtensionFinding;
import io.clearance.ownership.graph.OwnershipGraph;
import java.time.Instant;

/**
 * Restriction by extension, as OFAC's 50% rule is practised: a party is restricted when it is a seed, or
 * when restricted parties together hold more than the threshold of it, each with its whole stake. An owner
 * that is not itself restricted passes nothing on.
 *
 * <p>The result is the least fixpoint: a restriction is always grounded in a seed, so cycles terminate and
 * never restrict a party through itself alone. Which parties are restricted is kept for the whole graph
 * by a {@link RestrictionIndex}; one evaluation reads its direct owners' statuses and, only when the
 * party is restricted, walks its restricted ancestors to build the proof.
 */
public final class RestrictedByExtension {

    private final OwnershipGraph graph;
    private final KeptIndexes kept;
    private final RestrictionCriteria criteria;

    /**
     * A walk over {@code graph}; it prepares nothing. Evaluations for now read the kept index of their bound
     * when {@link #prepare} made one, and compute a throw-away one otherwise.
     */
    public RestrictedByExtension(OwnershipGraph graph, RestrictionCriteria criteria) {
        this.graph = graph;
        this.kept = KeptIndexes.of(graph);
        this.criteria = criteria;
    }

    /**
     * Makes sure the kept index for {@code bound} exists and is current; call outside the graph's read lock
     * before evaluating that bound for now (the first use of a criteria computes its index over the whole
     * graph, under the write lock).
     */
    public RestrictedByExtension prepare(Bound bound) {
        kept.prepare(criteria, bound);
        return this;
    }

    /** Evaluates one party present in the graph, now, at the lower bound: is it certainly restricted. */
    public ExtensionFinding evaluate(String partyId) {
        return evaluate(partyId, Bound.LOWER, null);
    }

    /**
     * Evaluates one party present in the graph at one bound, on the stakes in force at {@code at} (null: now,
     * read from the kept index; another instant: computed over the party's ancestors).
     */
    public ExtensionFinding evaluate(String partyId, Bound bound, Instant at) {
        return graph.read(() -> {
            int target = graph.indexOf(partyId);
            if (target < 0) {
                throw new IllegalArgumentException("no party `" + partyId + "` in the ownership graph");
            }
            RestrictionIndex index = at == null
                    ? kept.index(criteria, bound)
                    : RestrictionIndex.over(graph, criteria, bound, at.getEpochSecond(), target);
            return new ExtensionWalk(graph, criteria, target, index).run(true);
        });
    }

    /**
     * The upper bound of a party whose lower bound {@code lower} was just found: its proof only when it alone
     * passes (a party certainly restricted needs no second proof; evidence then shows the upper share alone).
     * Prepare the upper index first when {@code at} is null.
     */
    public ExtensionFinding upperAfter(ExtensionFinding lower, Instant at) {
        return graph.read(() -> {
            int target = graph.indexOf(lower.party().id());
            if (target < 0) {
                throw new IllegalArgumentException("no party `" + lower.party().id() + "` in the ownership graph");
            }
            RestrictionIndex index = at == null
                    ? kept.index(criteria, Bound.UPPER)
                    : RestrictionIndex.over(graph, criteria, Bound.UPPER, at.getEpochSecond(), target);
            return new ExtensionWalk(graph, criteria, target, index).run(!lower.exceeded());
        });
    }
}
