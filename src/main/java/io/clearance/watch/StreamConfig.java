package io.clearance.watch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How a server-sent-events connection to a watch is kept: heartbeats, the reconnection delay it advises, and
 * the time a client whose stream the server ended gets to read the rest. The same {@code clearance.watches}
 * settings as {@link WatchConfig} ({@code stream-buffer} is there, beside the broadcast it bounds); these are
 * the HTTP side's.
 */
@ConfigMapping(prefix = "clearance.watches")
public interface StreamConfig {

    /**
     * How often an open stream is sent a {@code : keep-alive} comment while no write to it is in flight, so
     * that a proxy between (nginx's {@code proxy_read_timeout} is 60 s) does not end a quiet stream; zero sends
     * none.
     */
    @WithDefault("20s")
    Duration streamHeartbeat();

    /** The {@code retry:} a stream opens with: how long an {@code EventSource} waits before it reconnects. */
    @WithDefault("3s")
    Duration streamRetry();

    /**
     * How long a client whose stream the server ended (cut, shutdown) has to read what was already written to
     * it, the final event included, before its connection is closed under it.
     */
    @WithDefault("30s")
    Duration streamDrain();

    /**
     * How many streams this server holds open at once; one more is refused with {@code too-many-streams}
     * (503). Each holds a connection, its write buffers and a timer: unbounded, a client that opens streams
     * in a loop would use them up.
     */
    @WithDefault("1000")
    int streamMax();
}
