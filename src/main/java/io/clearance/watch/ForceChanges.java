package io.clearance.watch;

import io.clearance.domain.PartyInfo;
import io.clearance.engine.facts.BannedJurisdiction;
import io.clearance.ownership.graph.Descendants;
import io.clearance.ownership.graph.OwnershipGraph;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which parties a change of force between two instants can have touched, so that the watches decide those
 * again and not every followed party. A watched decision (a subject, without an end customer) reads the
 * subject, its ancestors' attributes and the stakes into them in force, and the bans in force:
 *
 * <ul>
 *   <li>a dated stake coming into or out of force changes what its subject (the party held) and every
 *       party below it read: the subject and its {@link Descendants};
 *   <li>a dated ban on a country coming into or out of force changes the decision of the parties of that
 *       country (refused themselves, and seeds of the ownership restriction) and so of their descendants.
 *       Parties whose nationality is that country are taken too: the rules shipped ignore nationality, but a
 *       policy author may not, and deciding a few parties more costs little.
 * </ul>
 *
 * <p>The graph is scanned in slices of {@link #SLOTS_PER_READ} slots, each in its own read of the graph, so
 * that a registry of millions never holds the read lock (and the writers queued behind it, and the readers
 * queued behind them) for one long pass. A party written between two slices needs no care here: a write is
 * a registry change, and the watches decide its parties again on their own account.
 */
public final class ForceChanges {

    /** Party slots read in one hold of the graph's read lock. */
    static final int SLOTS_PER_READ = 65_536;

    private ForceChanges() {}

    /**
     * What came into or out of force in {@code (after, upTo]} (epoch seconds), and the parties it touched.
     *
     * @param parties the parties to decide again: the roots and their descendants
     * @param cause the change in words, for the events: the instants, the stakes' subjects and the bans
     * @param change the same for a machine, each list whole but the subjects ({@link WatchChange#LISTED})
     */
    public record Touched(Collection<String> parties, String cause, WatchChange change) {

        public boolean isEmpty() {
            return parties.isEmpty();
        }
    }

    /**
     * The changes of force of the graph's dated stakes and of {@code bans} in {@code (after, upTo]}, and the
     * parties they can have touched; empty when nothing changed force.
     */
    public static Touched between(OwnershipGraph graph, List<BannedJurisdiction> bans, long after, long upTo) {
        Set<Long> instants = new TreeSet<>();
        Set<String> stakeSubjects = datedStakeSubjects(graph, after, upTo, instants);
        Set<String> countries = new TreeSet<>();
        for (BannedJurisdiction ban : bans) {
            if (within(ban.getFrom(), after, upTo) || within(ban.getUntil(), after, upTo)) {
                countries.add(ban.getCode());
                for (Instant edge : new Instant[] {ban.getFrom(), ban.getUntil()}) {
                    if (within(edge, after, upTo)) {
                        instants.add(edge.getEpochSecond());
                    }
                }
            }
        }
        if (stakeSubjects.isEmpty() && countries.isEmpty()) {
            return new Touched(List.of(), "", null);
        }
        List<String> roots = new ArrayList<>(stakeSubjects);
        if (!countries.isEmpty()) {
            roots.addAll(partiesOf(graph, countries));
        }
        Collection<String> parties = graph.read(() -> Descendants.of(graph, roots));
        WatchChange change = WatchChange.force(
                instants.stream().map(Instant::ofEpochSecond).toList(), stakeSubjects, List.copyOf(countries));
        return new Touched(parties, cause(instants, stakeSubjects, countries), change);
    }

    private static boolean within(Instant edge, long after, long upTo) {
        return edge != null && edge.getEpochSecond() > after && edge.getEpochSecond() <= upTo;
    }

    private static boolean within(long edge, long after, long upTo) {
        return edge > after && edge <= upTo;
    }

    // The subjects of the stakes whose start or end lies in the window; the instants are collected on the way.
    private static Set<String> datedStakeSubjects(OwnershipGraph graph, long after, long upTo, Set<Long> instants) {
        Set<String> subjects = new TreeSet<>();
        for (int start = 0; ; start += SLOTS_PER_READ) {
            int from = start;
            boolean more = graph.read(() -> {
                int limit = Math.min(graph.indexLimit(), from + SLOTS_PER_READ);
                for (int held = from; held < limit; held++) {
                    long[] validFrom = graph.validFromOrNull(held);
                    PartyInfo party = validFrom == null ? null : graph.partyAt(held);
                    if (party == null) {
                        continue;
                    }
                    long[] validTo = graph.validToOrNull(held);
                    for (int k = 0; k < validFrom.length; k++) {
                        boolean starts = within(validFrom[k], after, upTo);
                        boolean ends = within(validTo[k], after, upTo);
                        if (starts || ends) {
                            subjects.add(party.id());
                            instants.add(starts ? validFrom[k] : validTo[k]);
                        }
                    }
                }
                return limit < graph.indexLimit();
            });
            if (!more) {
                return subjects;
            }
        }
    }

    // The parties of the graph sitting in (or, as individuals, nationals of) one of the countries.
    private static List<String> partiesOf(OwnershipGraph graph, Set<String> countries) {
        List<String> found = new ArrayList<>();
        for (int start = 0; ; start += SLOTS_PER_READ) {
            int from = start;
            boolean more = graph.read(() -> {
                int limit = Math.min(graph.indexLimit(), from + SLOTS_PER_READ);
                for (int index = from; index < limit; index++) {
                    PartyInfo party = graph.partyAt(index);
                    if (party != null
                            && (countries.contains(party.country())
                                    || party.nationality() != null && countries.contains(party.nationality()))) {
                        found.add(party.id());
                    }
                }
                return limit < graph.indexLimit();
            });
            if (!more) {
                return found;
            }
        }
    }

    // "change of force at 2026-01-01T00:00:00Z: stakes into a, b; bans on CN", the lists cut at a few.
    private static String cause(Set<Long> instants, Set<String> stakeSubjects, Set<String> countries) {
        StringBuilder cause = new StringBuilder("change of force at ");
        cause.append(listed(
                instants.stream().map(s -> Instant.ofEpochSecond(s).toString()).toList()));
        String separator = ": ";
        if (!stakeSubjects.isEmpty()) {
            cause.append(separator).append("stakes into ").append(listed(stakeSubjects));
            separator = "; ";
        }
        if (!countries.isEmpty()) {
            cause.append(separator).append("bans on ").append(String.join(", ", countries));
        }
        return cause.toString();
    }

    private static String listed(Collection<String> ids) {
        int shown = 5;
        List<String> first = ids.stream().limit(shown).toList();
        return String.join(", ", first) + (ids.size() > shown ? " and " + (ids.size() - shown) + " more" : "");
    }
}
