package io.clearance.registry.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How this instance follows registry changes other instances commit ({@code clearance.registry.*}). */
@ConfigMapping(prefix = "clearance.registry")
public interface RegistryFollowConfig {

    Follow follow();

    Outbox outbox();

    /**
     * How long the outbox keeps its rows ({@link OutboxPruner}): a row is deleted once it is both older than
     * {@code keep-for} and not among the newest {@code keep-rows}. An instance that was down longer reloads the
     * whole graph when it starts, and one that finds rows it needs deleted reloads too: retention only bounds
     * how far a catch-up can go change by change.
     */
    interface Outbox {

        /** The newest rows always kept (at least one: the newest row is how a follower knows the end). */
        @WithDefault("100000")
        long keepRows();

        /** Rows younger than this are kept, however many. */
        @WithDefault("7d")
        Duration keepFor();

        /** How often this instance prunes; every instance may, the deletes are idempotent. */
        @WithDefault("10m")
        Duration pruneInterval();
    }

    /** The follower: a listener on PostgreSQL and a poll everywhere. */
    interface Follow {

        /** Off: this instance sees only its own writes (one instance alone on its database). */
        @WithDefault("true")
        boolean enabled();

        /** On PostgreSQL, wake at once on {@code NOTIFY}; the poll then only covers a lost notification. */
        @WithDefault("true")
        boolean listen();

        /** How often the outbox is read without a wake-up; on H2 the only way another writer is seen. */
        @WithDefault("1s")
        Duration pollInterval();

        /**
         * How long a hole in the sequence is waited for before the whole graph is loaded again: a row below
         * one already committed that does not show up (removed by hand, or written by a tool that took a
         * number without recording a row) is never skipped, it is made good by a reload.
         */
        @WithDefault("2s")
        Duration gapWait();

        /** Rows read from the outbox at a time. */
        @WithDefault("1000")
        int batchSize();

        /** The longest reconnect pause of the listener after its connection broke (doubles from 100 ms). */
        @WithDefault("10s")
        Duration maxBackoff();

        /**
         * How long a decision that asks for {@code minRegistryVersion} waits for this instance to reach it
         * before it is refused with {@code registry-behind} (503).
         */
        @WithDefault("500ms")
        Duration minVersionWait();
    }
}
