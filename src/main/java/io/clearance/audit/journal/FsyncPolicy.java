package io.clearance.audit.journal;

/**
 * When the journal forces its writes to the storage device. Every policy survives the process being killed
 * ({@code kill -9}, an out-of-memory exit): a write that returned is in the operating system's page cache.
 * They differ when the operating system or the machine fails.
 */
public enum FsyncPolicy {
    /** Never forced on the request path; the OS writes back within its own delay (seconds on Linux). */
    NONE,
    /** Forced before the answers of a write group leave: nothing answered is lost, at one fsync per group. */
    BATCH,
    /** Forced by a background thread at an interval: at most that interval of answered records is lost. */
    INTERVAL
}
