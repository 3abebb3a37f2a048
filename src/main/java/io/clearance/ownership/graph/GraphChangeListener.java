package io.clearance.ownership.graph;

import java.util.List;

/**
 * Told of every change to the parties and stakes of an {@link OwnershipGraph}, synchronously and inside the
 * graph's write lock: no reader sees the changed graph before every listener has heard of it, which is what
 * lets a listener (the decision memo) drop what the change made stale before anyone can read it again.
 *
 * <p>A listener must be quick and must not throw: it holds up every reader of the graph while it runs.
 */
public interface GraphChangeListener {

    /** What changed. */
    enum Kind {
        /** A party was added, replaced or removed (with every stake it held or that was held in it). */
        PARTY,
        /** A stake into a party was set or removed. */
        STAKE,
        /** The whole graph was replaced (a registry loaded in one go): anything may have changed. */
        RELOAD
    }

    /**
     * Called after the change, before the write lock is released.
     *
     * @param roots the ids of the parties whose own facts or whose stakes into them changed (a removed party's
     *     id included); what any party reads of the graph can only have changed when one of these is that
     *     party or one of its ancestors ({@link Descendants}). Empty for {@link Kind#RELOAD}.
     */
    void changed(Kind kind, List<String> roots);

    /**
     * The whole graph was replaced: called instead of {@code changed(RELOAD, [])}, which is what it does unless
     * a listener wants to know which parties the reload changed ({@link ReloadChanges#roots()}, to be asked
     * later, outside the write lock), or what brought the reload about ({@link ReloadChanges#origin()}: the
     * imports, by job). A listener that keeps {@code changes} keeps the replaced table with it.
     */
    default void reloaded(ReloadChanges changes) {
        changed(Kind.RELOAD, List.of());
    }
}
