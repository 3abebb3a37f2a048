package io.clearance.watch;

import io.clearance.decision.Outcome;
import java.time.Instant;
import java.util.List;

/**
 * Publishes events on a watch's stream directly, for tests of the HTTP side that need many (or large) events
 * without the registry changes that would raise them.
 */
public final class StreamPublishing {

    private StreamPublishing() {}

    /** Publishes one {@code decision.changed} event for {@code partyId}, its cause {@code cause}. */
    public static void publish(EventStreams streams, String watchId, String partyId, String cause) {
        streams.publish(
                watchId,
                new WatchEvent(
                        WatchEvent.DECISION_CHANGED,
                        partyId,
                        "api.access",
                        Outcome.PERMIT,
                        Outcome.DENY,
                        cause,
                        List.of(),
                        null,
                        Instant.now()));
    }
}
