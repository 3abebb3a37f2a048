package io.clearance.registry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The running server's imports ({@code clearance.import.*}): where an operator's files may be named from, which
 * source wins, and how import jobs ({@link ImportJobs}) keep track of one another when several instances share
 * one database. Every setting under the prefix is declared here: the mapping refuses to start on one it does not
 * know, so a setting read elsewhere by name alone would stop the server from starting once an operator set it.
 */
@ConfigMapping(prefix = "clearance.import")
public interface ImportConfig {

    /**
     * How often this instance writes, on each of its queued or running jobs, that it still runs them (database
     * time, in {@code import_job.heartbeat_at}). Keep it well under {@link #staleAfter()}.
     */
    @WithDefault("10s")
    Duration heartbeat();

    /**
     * How long a job's instance may stay silent before another instance takes it for stopped and marks its job
     * failed (nothing of a failed job was applied: its transaction died with the instance). At start, an instance
     * marks its own jobs of the last run failed at once. Several heartbeats long, so that a pause (a long garbage
     * collection, a busy database) never fails a live instance's job.
     */
    @WithDefault("60s")
    Duration staleAfter();

    /**
     * The directory under which {@code POST /v1/registry/imports?path=} may name a file (files too large to
     * send); unset, imports by path are off.
     */
    Optional<String> directory();

    /** Which source wins when two state the same party or stake, first wins ({@link ImportPrecedence}). */
    @WithDefault(ImportPrecedence.DEFAULT)
    String precedence();
}
