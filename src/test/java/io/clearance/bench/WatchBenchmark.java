package io.clearance.bench;

import io.clearance.decision.Decider;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.StakeTerms;
import io.clearance.engine.RuleSet;
import io.clearance.engine.RuleSetCompiler;
import io.clearance.engine.RuleSource;
import io.clearance.ownership.graph.GraphChangeListener;
import io.clearance.ownership.graph.GraphLoader;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.ownership.graph.ReloadChanges;
import io.clearance.policy.PolicyDocument;
import io.clearance.registry.RegistrySink;
import io.clearance.registry.io.SyntheticRegistry;
import io.clearance.watch.WatchEvent;
import io.clearance.watch.WatchedDecisions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An all-parties watch over a synthetic registry of GLEIF size, and an import that flips k parties: the
 * registry is loaded, every party gets its baseline, then the registry is loaded again (as an import's commit
 * reloads it) with k leaf parties moved to a banned jurisdiction. Prints the time to find what the reload
 * changed, to decide the touched parties and fire the events, the heap the baseline takes, and, side by side
 * in the same run, what re-deciding every watched party (what a reload cost before) takes on a sample. Checks
 * that the parties with events are exactly the k flipped ones. Prints figures; asserts nothing else.
 *
 * <p>Arguments: parties (1,000,000), k (100), sample for the old way (20,000), followed (every party): how
 * many parties get a baseline before the import (the flipped ones always do). Deciding a million parties for
 * the baseline is the watch's one-off cost at creation and takes a long while on a busy machine; with fewer
 * followed the import's own figures (the comparison of two million-party tables, the touched parties'
 * decisions) are the same, and the baseline's heap is given per party. {@code scripts/bench-watch.sh}.
 */
public final class WatchBenchmark {

    public static void main(String[] args) {
        int parties = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int k = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int sample = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        int followed = args.length > 3 ? Integer.parseInt(args[3]) : parties;
        RuleSet rules = new RuleSetCompiler()
                .compile(
                        RuleSource.readDirectory(Path.of("rules")), PolicyDocument.read(Path.of("policies/policy.md")));
        OwnershipGraph graph = new OwnershipGraph();
        long started = System.nanoTime();
        load(graph, parties, Set.of());
        System.out.printf(
                "registry: %,d parties, %,d stakes loaded in %.1f s%n",
                graph.partyCount(), graph.stakeCount(), seconds(started));

        List<WatchEvent> events = new ArrayList<>();
        WatchedDecisions watched = new WatchedDecisions(graph, new Decider(), party -> true, events::add);
        Set<String> flipped = leavesToFlip(graph, k);
        Set<String> baselined = new LinkedHashSet<>(flipped);
        List<String> ids = graph.partyIds();
        baselined.addAll(ids.subList(0, Math.min(followed, ids.size())));
        ids = null;
        long heapBefore = heapUsed();
        started = System.nanoTime();
        watched.follow(baselined, rules);
        double baselineSeconds = seconds(started);
        long heapAfter = heapUsed();
        System.out.printf(
                "baseline of an all-parties watch: %,d parties followed, decided in %.1f s (%,.0f parties/s);"
                        + " heap %+,.1f MB (%.0f bytes a party)%n",
                watched.size(),
                baselineSeconds,
                watched.size() / baselineSeconds,
                (heapAfter - heapBefore) / 1e6,
                (heapAfter - heapBefore) / (double) watched.size());

        baselined = null;
        ReloadChanges[] heard = new ReloadChanges[1];
        graph.addListener(new GraphChangeListener() {
            @Override
            public void changed(Kind kind, List<String> roots) {}

            @Override
            public void reloaded(ReloadChanges changes) {
                heard[0] = changes;
            }
        });
        started = System.nanoTime();
        load(graph, parties, flipped);
        System.out.printf(
                "import: the registry reloaded with %d leaf parties moved to CN in %.1f s%n", k, seconds(started));

        long heapWithBoth = heapUsed();
        started = System.nanoTime();
        Collection<String> touched = watched.touchedBy(heard[0]);
        double diffSeconds = seconds(started);
        started = System.nanoTime();
        int fired = watched.compare(touched, rules, "benchmark import");
        double compareSeconds = seconds(started);
        heard[0] = null;
        Set<String> withEvents = new TreeSet<>();
        events.forEach(e -> withEvents.add(e.partyId()));
        System.out.printf(
                "events: %d parties touched (found in %.2f s, comparing both tables), %d events for %d"
                        + " parties (decided and compared in %.2f s); heap while both tables are kept: %,.0f MB%n",
                touched.size(), diffSeconds, fired, withEvents.size(), compareSeconds, heapWithBoth / 1e6);
        System.out.printf(
                "exact: events for exactly the %d flipped parties: %s%n",
                flipped.size(), withEvents.equals(new TreeSet<>(flipped)));

        // The old way, side by side: every watched party decided again after a reload, timed on a sample.
        List<String> some = watched.followed().subList(0, Math.min(sample, watched.size()));
        started = System.nanoTime();
        watched.compare(some, rules, "old way");
        double oldSample = seconds(started);
        double oldAll = oldSample * graph.partyCount() / some.size();
        System.out.printf(
                "old way (re-decide every watched party): %,d parties in %.1f s, so %.0f s for %,d;"
                        + " now %.2f s: %.0f times less%n",
                some.size(),
                oldSample,
                oldAll,
                graph.partyCount(),
                diffSeconds + compareSeconds,
                oldAll / (diffSeconds + compareSeconds));
    }

    /** The synthetic registry into the graph in one go, with {@code toCn} moved to CN. */
    private static void load(OwnershipGraph graph, int parties, Set<String> toCn) {
        GraphLoader loader = graph.loader();
        new SyntheticRegistry(42, 0.03).generate(parties, parties * 3 / 2, new RegistrySink() {
            @Override
            public void party(PartyInfo party) {
                loader.party(
                        toCn.contains(party.id())
                                ? new PartyInfo(party.id(), party.name(), party.kind(), "CN", party.nationality())
                                : party);
            }

            @Override
            public void stake(String ownedId, String ownerId, StakeTerms terms) {
                loader.stake(ownedId, ownerId, terms);
            }
        });
        loader.commit();
    }

    /**
     * k organisations spread over the registry that neither hold nor are held and are in no banned jurisdiction
     * of the synthetic registry: permitted before, a seed in CN after, and nothing below them to flip as well.
     */
    private static Set<String> leavesToFlip(OwnershipGraph graph, int k) {
        return graph.read(() -> {
            Set<String> chosen = new HashSet<>();
            int step = Math.max(1, graph.indexLimit() / k);
            // Strided passes, each starting one further on, until k are found: spread over the whole registry.
            for (int start = 0; start < step && chosen.size() < k; start++) {
                for (int index = start; index < graph.indexLimit() && chosen.size() < k; index += step) {
                    PartyInfo party = graph.partyAt(index);
                    if (party != null
                            && party.kind().isOrganisation()
                            && !Set.of("CN", "RU", "IR", "KP").contains(party.country())
                            && graph.holdingsOf(index).length == 0
                            && graph.ownersOf(index).length == 0) {
                        chosen.add(party.id());
                    }
                }
            }
            return chosen;
        });
    }

    private static long heapUsed() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
