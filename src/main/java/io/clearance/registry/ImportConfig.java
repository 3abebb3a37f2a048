package io.clearance.registry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How the running server's import jobs ({@link ImportJobs}) keep track of one another when several instances
 * share one database ({@code clearance.import.*}). The other {@code clearance.import.*} settings
 * ({@code directory}, {@code precedence}) are read where they are used.
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
}
