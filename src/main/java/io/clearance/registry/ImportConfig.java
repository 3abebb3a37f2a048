package io.clearance.registry;

import io.quarkus.runtime.configuration.MemorySize;
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

    /**
     * The largest file {@code POST /v1/registry/imports} takes as its body (every other route keeps {@code
     * quarkus.http.limits.max-body-size}). The default holds the largest published files with room to grow:
     * the GLEIF golden copy is 3.8 GB as JSON, a full PSC snapshot a few GB unzipped; it exists to stop a
     * registrar's runaway upload (a wrong file, an endless stream) from filling the spool disk, so an operator
     * sets it under that disk's free space.
     */
    @WithDefault("16G")
    MemorySize maxBodySize();

    /**
     * How long an upload may go without a byte of its body before it is cut off (408 {@code body-timeout}, the
     * spool file deleted). A stall, not a deadline: a 4 GB file over a slow link may take an hour, but a sender
     * that stops holds a connection and a spool file for nothing. Under {@code quarkus.http.idle-timeout}, which
     * would otherwise close the connection first, with no answer.
     */
    @WithDefault("20s")
    Duration bodyStallTimeout();

    /**
     * Where uploaded files are spooled until their job has read them; unset, {@code java.io.tmpdir}. Needs room
     * for the largest upload: where the temporary directory is small or in memory (a tmpfs), point it at a disk.
     */
    Optional<String> spoolDirectory();
}
