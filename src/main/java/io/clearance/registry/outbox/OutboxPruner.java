package io.clearance.registry.outbox;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import org.jboss.logging.Logger;

/**
 * Keeps the outbox from growing for ever: every {@code clearance.registry.outbox.prune-interval} deletes the
 * rows past their retention ({@link RegistryFollowConfig.Outbox}). Any instance may prune, at any time: the
 * deletes are idempotent, and a follower that finds rows it still needed gone loads the whole graph again at
 * once (the pruning records how far it deleted), as it does for any change it cannot apply one by one.
 */
@ApplicationScoped
public class OutboxPruner {

    private static final Logger LOG = Logger.getLogger(OutboxPruner.class);
    // Sequence numbers deleted per statement (autocommit): a long backlog is deleted in short transactions.
    private static final int SLICE = 10_000;

    private final RegistryOutbox outbox;
    private final RegistryFollowConfig.Outbox retention;

    OutboxPruner(RegistryOutbox outbox, RegistryFollowConfig config) {
        this.outbox = outbox;
        this.retention = config.outbox();
    }

    @Scheduled(
            identity = "registry-outbox-pruner",
            every = "${clearance.registry.outbox.prune-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            prune();
        } catch (SQLException e) {
            LOG.warnf("could not prune the registry's outbox: %s; again at the next interval", e.getMessage());
        }
    }

    /** Deletes the rows past retention now; returns how many. */
    public long prune() throws SQLException {
        long deleted = outbox.prune(retention.keepRows(), retention.keepFor(), SLICE);
        if (deleted > 0) {
            LOG.infof("pruned %d registry change(s) from the outbox", deleted);
        }
        return deleted;
    }
}
