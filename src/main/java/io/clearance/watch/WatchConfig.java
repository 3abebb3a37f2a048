package io.clearance.watch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How watch events are delivered and how often dated changes of force are looked for. */
@ConfigMapping(prefix = "clearance.watches")
public interface WatchConfig {

    /** Webhook delivery. */
    Webhook webhook();

    /** How often the watcher looks whether a dated stake or ban came into or out of force since it last looked. */
    @WithDefault("10s")
    Duration forceCheck();

    /** Events kept for one server-sent-events client that reads slower than they come; beyond it it is cut off. */
    @WithDefault("256")
    int streamBuffer();

    /**
     * How often the stored watches are read again, whatever the notices said: a notice lost (the listening
     * connection was down) leaves this instance's list stale no longer than this.
     */
    @WithDefault("30s")
    Duration refresh();

    interface Webhook {
        /** Attempts per event, the first included; after the last, the event goes to the watch's dead letters. */
        @WithDefault("6")
        int attempts();

        /** The wait before the second attempt; doubled before each next one. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** The longest wait between two attempts. */
        @WithDefault("5m")
        Duration maxBackoff();

        /** Events waiting or being retried at once, over every watch; beyond it they are dropped and counted. */
        @WithDefault("10000")
        int queue();

        /** Webhook requests in flight at once, over every watch. */
        @WithDefault("8")
        int concurrency();

        /** How long one attempt waits for the receiver's answer. */
        @WithDefault("10s")
        Duration timeout();

        /**
         * How long the claim of a decision change's delivery is kept (see {@code DeliveryClaims}): longer than
         * one instance may lag another in following the registry and the rule sets.
         */
        @WithDefault("10m")
        Duration claimWindow();

        /**
         * How long a pending delivery stays with the instance that holds it without a renewal: an instance
         * that dies (or is stuck) longer than this has its pending deliveries taken over by another.
         */
        @WithDefault("60s")
        Duration lease();

        /**
         * How often an instance renews the lease of the deliveries it holds (one update for all) and looks for
         * deliveries nobody holds any longer; well under {@link #lease()}.
         */
        @WithDefault("15s")
        Duration leaseRenewal();
    }
}
