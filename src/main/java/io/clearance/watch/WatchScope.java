package io.clearance.watch;

/** Which parties a watch follows. */
public enum WatchScope {
    /** Every party of the registry. */
    ALL,
    /** The parties listed by id. */
    PARTIES,
    /** The parties that carry an identifier of one scheme (say every party with an LEI). */
    SCHEME
}
