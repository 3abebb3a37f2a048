package io.clearance.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the audit trail ({@code clearance.audit.*}). */
@ConfigMapping(prefix = "clearance.audit")
public interface AuditConfig {

    /**
     * How long the writer waits for more decisions after the first of a batch arrives. Callers wait for
     * their batch, so this bounds the latency the log adds; under load batches fill before it passes.
     */
    @WithDefault("2ms")
    Duration flushInterval();

    /** The most records written in one transaction. */
    @WithDefault("500")
    int maxBatch();

    /** A checkpoint (the chain hash at that record) every this many records. */
    @WithDefault("1000")
    int checkpointEvery();
}
