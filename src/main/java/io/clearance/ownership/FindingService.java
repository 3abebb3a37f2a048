package io.clearance.ownership;

import io.clearance.domain.PartyInfo;
import io.clearance.ownership.evidence.Counterfactual;
import io.clearance.ownership.evidence.EvidenceLimits;
import io.clearance.ownership.evidence.ExtensionFinding;
import io.clearance.ownership.evidence.LookThroughFinding;
import io.clearance.ownership.evidence.StakeSourcesAlong;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.ownership.index.ExtensionCounterfactual;
import io.clearance.ownership.index.RestrictedByExtension;
import io.clearance.ownership.lookthrough.KeptLookThrough;
import io.clearance.ownership.lookthrough.LookThrough;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one port of the ownership side: the findings a rule set's declared {@link Measure}s ask for, for the
 * parties of a request. Which bound to compute, which kept index to prepare and when a counterfactual is
 * worth its cost are chosen here, not by the caller.
 *
 * <p>Two steps, because of the graph's lock: {@link #prepare} runs outside any read (preparing a kept index
 * takes the write lock), and the {@link Finder} it returns runs inside the caller's {@link
 * OwnershipGraph#read}, so that parties, findings and registry version come from one state of the graph.
 */
public final class FindingService {

    private final OwnershipGraph graph;

    public FindingService(OwnershipGraph graph) {
        this.graph = graph;
    }

    /**
     * Prepares what {@code measures} need to be answered at {@code at} (null: now, from the kept indexes), with
     * evidence within the default limits. Call outside the graph's read lock.
     */
    public Finder prepare(List<Measure> measures, Instant at) {
        return prepare(measures, at, EvidenceLimits.DEFAULT);
    }

    /**
     * Prepares what {@code measures} need to be answered at {@code at} (null: now, from the kept indexes), with
     * evidence within {@code limits}. Call outside the graph's read lock.
     */
    public Finder prepare(List<Measure> measures, Instant at, EvidenceLimits limits) {
        List<MeasureFinder> finders = new ArrayList<>(measures.size());
        for (Measure measure : measures) {
            finders.add(finder(measure, at, limits));
        }
        return new Finder(finders);
    }

    /** The prepared measures of one request; call inside the graph's read lock. */
    public static final class Finder {

        private final List<MeasureFinder> finders;

        private Finder(List<MeasureFinder> finders) {
            this.finders = finders;
        }

        /**
         * Every finding for {@code parties} with its evidence, measure by measure in their declared order, each
         * for the parties in the order given. Individuals are never restricted through ownership: they get no
         * finding. Each chain names the source of each of its stakes ({@link StakeSourcesAlong}), read in the
         * same state of the graph.
         */
        public List<PreparedFinding> prepared(List<PartyInfo> parties) {
            List<PreparedFinding> found = new ArrayList<>();
            for (MeasureFinder finder : finders) {
                for (PartyInfo party : parties) {
                    if (party.kind().isOrganisation()) {
                        found.add(finder.find(party));
                    }
                }
            }
            return found;
        }

        /** The findings of {@link #prepared}, without their evidence. */
        public List<Finding> find(List<PartyInfo> parties) {
            return prepared(parties).stream().map(PreparedFinding::finding).toList();
        }
    }

    /** The finding with the source of every stake of its chains; a bound shared by both is looked up once. */
    private static Finding withSources(Finding finding, OwnershipGraph graph) {
        if (finding instanceof Finding.ByExtension extension) {
            ExtensionFinding lower = StakeSourcesAlong.of(extension.lower(), graph);
            ExtensionFinding upper =
                    extension.upper() == extension.lower() ? lower : StakeSourcesAlong.of(extension.upper(), graph);
            return new Finding.ByExtension(
                    extension.measure(), lower, upper, StakeSourcesAlong.of(extension.counterfactual(), graph));
        }
        Finding.ByLookThrough look = (Finding.ByLookThrough) finding;
        LookThroughFinding lower = StakeSourcesAlong.of(look.lower(), graph);
        LookThroughFinding upper = look.upper() == look.lower() ? lower : StakeSourcesAlong.of(look.upper(), graph);
        return new Finding.ByLookThrough(look.measure(), lower, upper);
    }

    /** Computes one measure for one party, inside the graph's read lock. */
    private interface MeasureFinder {
        PreparedFinding find(PartyInfo party);
    }

    /**
     * What a kept look-through finding is prepared for: its evidence depends on the measure's id and the limits
     * besides the bounds.
     */
    private record Purpose(String measure, EvidenceLimits limits) {}

    private MeasureFinder finder(Measure measure, Instant at, EvidenceLimits limits) {
        RestrictionCriteria criteria = measure.criteria();
        String id = measure.id();
        // With exact, fully recorded stakes the bounds agree: one computation gives both.
        boolean bounded = criteria.countsUnaccounted() || graph.hasUncertainStakes();
        return switch (measure.semantics()) {
            case RESTRICTED_BY_EXTENSION -> {
                RestrictedByExtension walk = new RestrictedByExtension(graph, criteria);
                if (at == null) {
                    // Kept indexes answer for now; an instant in the past walks the party's ancestors instead.
                    walk.prepare(Bound.LOWER);
                    if (bounded) {
                        walk.prepare(Bound.UPPER);
                    }
                }
                ExtensionCounterfactual counterfactuals = new ExtensionCounterfactual(graph, criteria);
                yield party -> {
                    ExtensionFinding lower = walk.evaluate(party.id(), Bound.LOWER, at);
                    ExtensionFinding upper = bounded ? walk.upperAfter(lower, at) : lower;
                    // Only a finding that can deny needs its counterfactual; computing it costs a fixpoint per stake.
                    Counterfactual counterfactual =
                            lower.exceeded() ? counterfactuals.explain(party.id(), lower.restrictedShare(), at) : null;
                    return new PreparedFinding(
                            withSources(new Finding.ByExtension(id, lower, upper, counterfactual), graph), limits);
                };
            }
            case LOOK_THROUGH -> {
                LookThrough lookThrough = new LookThrough(graph, criteria);
                // For now, the kept findings with their sources and evidence (made once per party until a change
                // upstream of it, which drops all three); another instant solves.
                KeptLookThrough kept = at == null ? KeptLookThrough.of(graph) : null;
                Purpose purpose = new Purpose(id, limits);
                yield party -> kept != null
                        ? kept.derived(criteria, party.id(), purpose, bounds -> prepared(id, bounds, limits))
                        : prepared(id, lookThrough.evaluateBounds(party.id(), at), limits);
            }
        };
    }

    /** A look-through finding with its sources, its evidence to be built once; inside the graph's read lock. */
    private PreparedFinding prepared(String measure, LookThrough.Bounds bounds, EvidenceLimits limits) {
        return new PreparedFinding(
                withSources(new Finding.ByLookThrough(measure, bounds.lower(), bounds.upper()), graph), limits);
    }
}
