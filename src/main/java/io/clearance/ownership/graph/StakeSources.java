package io.clearance.ownership.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sources of a {@link StakeTable}'s stakes, each kept once and named by an int: a stake carries that int
 * (0 for none, the API's), so a registry of imported stakes pays four bytes a stake plus one entry per
 * distinct statement, and evidence names a stake's source without reading the database. Entries are only
 * added; one that no stake names any more stays until the next whole load replaces the table.
 *
 * <p>Written under the graph's write lock (or by a loader before its table is swapped in), read under its
 * read lock.
 */
final class StakeSources {

    static final int NONE = 0;

    private final List<StakeSource> sources = new ArrayList<>(List.of(new StakeSource("api", null, null)));
    private final Map<StakeSource, Integer> refs = new HashMap<>();

    /** The int naming {@code source}, {@link #NONE} for null. */
    int ref(StakeSource source) {
        if (source == null) {
            return NONE;
        }
        return refs.computeIfAbsent(source, added -> {
            sources.add(added);
            return sources.size() - 1;
        });
    }

    /** The source an int names; null for {@link #NONE}. */
    StakeSource source(int ref) {
        return ref == NONE ? null : sources.get(ref);
    }
}
