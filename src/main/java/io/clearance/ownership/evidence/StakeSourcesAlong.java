package io.clearance.ownership.evidence;

import io.clearance.domain.PartyInfo;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.ownership.graph.StakeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The sources of the stakes along a finding's chains, looked up in the graph the finding was computed on, so
 * that the evidence of a decision names where each stake it used came from (the source that won by
 * precedence, its record and its date), in every chain as in the proof's restricted owners, and in each stake
 * removal a counterfactual names. The walks that
 * find chains know parties and shares only; looking the sources up here, once per listed chain and inside the
 * same read of the graph, keeps them so. A chain of stakes typed through the API gets none and keeps its
 * shape: a party none of whose stakes has a source answers without a search of its owners.
 */
public final class StakeSourcesAlong {

    private StakeSourcesAlong() {}

    /** {@code finding} with the sources of its chains' stakes; itself when none has one. In the graph's read. */
    public static ExtensionFinding of(ExtensionFinding finding, OwnershipGraph graph) {
        List<OwnershipPath> paths = new ArrayList<>(finding.paths().size());
        boolean any = false;
        for (OwnershipPath path : finding.paths()) {
            List<StakeSource> sources = along(path.parties(), graph);
            any |= !sources.isEmpty();
            paths.add(sources.isEmpty() ? path : new OwnershipPath(path.parties(), path.stakes(), sources));
        }
        if (!any) {
            return finding;
        }
        return new ExtensionFinding(
                finding.party(),
                finding.criteria(),
                finding.bound(),
                finding.restrictedShare(),
                finding.restrictedShareExclusive(),
                finding.unaccounted(),
                finding.controlled(),
                finding.exceeded(),
                finding.owners(),
                List.copyOf(paths),
                finding.pathsTruncated());
    }

    /** {@code finding} with the sources of its chains' stakes; itself when none has one. In the graph's read. */
    public static LookThroughFinding of(LookThroughFinding finding, OwnershipGraph graph) {
        List<LookThroughPath> paths = new ArrayList<>(finding.paths().size());
        boolean any = false;
        for (LookThroughPath path : finding.paths()) {
            List<StakeSource> sources = along(path.parties(), graph);
            any |= !sources.isEmpty();
            paths.add(
                    sources.isEmpty()
                            ? path
                            : new LookThroughPath(path.parties(), path.stakes(), path.product(), sources));
        }
        // The look-through counterfactual travels inside the finding; the extension one beside it.
        Counterfactual counterfactual = of(finding.counterfactual(), graph);
        if (!any && counterfactual == finding.counterfactual()) {
            return finding;
        }
        return new LookThroughFinding(
                finding.party(),
                finding.criteria(),
                finding.bound(),
                finding.restrictedShare(),
                finding.exceeded(),
                List.copyOf(paths),
                finding.unlisted(),
                finding.pathsTruncated(),
                counterfactual,
                finding.exact());
    }

    /**
     * {@code counterfactual} with the source of each stake whose removal it names; itself when none has one
     * (or it is null). In the graph's read.
     */
    public static Counterfactual of(Counterfactual counterfactual, OwnershipGraph graph) {
        if (counterfactual == null || counterfactual.removals().isEmpty()) {
            return counterfactual;
        }
        List<Counterfactual.StakeRemoval> removals =
                new ArrayList<>(counterfactual.removals().size());
        boolean any = false;
        for (Counterfactual.StakeRemoval removal : counterfactual.removals()) {
            int owner = graph.indexOf(removal.owner().id());
            int owned = graph.indexOf(removal.owned().id());
            StakeSource source = owner < 0 || owned < 0 ? null : graph.stakeSource(owned, owner);
            any |= source != null;
            removals.add(
                    source == null
                            ? removal
                            : new Counterfactual.StakeRemoval(
                                    removal.owner(),
                                    removal.owned(),
                                    removal.stake(),
                                    removal.direct(),
                                    removal.shareAfter(),
                                    source));
        }
        if (!any) {
            return counterfactual;
        }
        return new Counterfactual(
                counterfactual.party(),
                counterfactual.criteria(),
                counterfactual.current(),
                List.copyOf(removals),
                counterfactual.coverage(),
                counterfactual.truncated());
    }

    /**
     * The source of each stake of a chain ({@code parties.get(i)} holds the i-th in {@code parties.get(i + 1)}),
     * null for the API's; empty when none has a source.
     */
    static List<StakeSource> along(List<PartyInfo> parties, OwnershipGraph graph) {
        List<StakeSource> sources = null;
        int owner = graph.indexOf(parties.get(0).id());
        for (int i = 0; i + 1 < parties.size(); i++) {
            int owned = graph.indexOf(parties.get(i + 1).id());
            StakeSource source = owner < 0 || owned < 0 ? null : graph.stakeSource(owned, owner);
            if (source != null) {
                if (sources == null) {
                    sources = new ArrayList<>(Collections.nCopies(parties.size() - 1, null));
                }
                sources.set(i, source);
            }
            owner = owned;
        }
        return sources == null ? List.of() : Collections.unmodifiableList(sources);
    }

    /** The sources a chain record keeps: empty, or one per stake (nulls for the API's), unmodifiable. */
    static List<StakeSource> checked(List<StakeSource> sources, List<Long> stakes) {
        if (sources == null || sources.isEmpty()) {
            return List.of();
        }
        if (sources.size() != stakes.size()) {
            throw new IllegalArgumentException(
                    "a chain of " + stakes.size() + " stakes given " + sources.size() + " sources");
        }
        return Collections.unmodifiableList(new ArrayList<>(sources));
    }
}
