package io.clearance.registry;

import io.clearance.registry.outbox.RegistryFollowConfig;
import java.time.Duration;

/**
 * The follower settings of a second instance a test stands up on the test's database: no poll and no listener
 * (the test says when it catches up, as a wake-up would), and the gap and min-version waits it chooses.
 */
public record FollowSettings(Duration gapWait, Duration minVersionWait) implements RegistryFollowConfig {

    @Override
    public Outbox outbox() {
        return new Outbox() {
            @Override
            public long keepRows() {
                return 100_000;
            }

            @Override
            public Duration keepFor() {
                return Duration.ofDays(7);
            }

            @Override
            public Duration pruneInterval() {
                return Duration.ofMinutes(10);
            }
        };
    }

    @Override
    public Follow follow() {
        return new Follow() {
            @Override
            public boolean enabled() {
                return false;
            }

            @Override
            public boolean listen() {
                return false;
            }

            @Override
            public Duration pollInterval() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Duration gapWait() {
                return gapWait;
            }

            @Override
            public int batchSize() {
                return 2; // small, so that a catch-up reads several batches
            }

            @Override
            public Duration maxBackoff() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Duration minVersionWait() {
                return minVersionWait;
            }
        };
    }
}
