package io.clearance.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.clearance.decision.Outcome;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A server-sent-events client that reads slower than events come holds at most the stream's buffer: past it
 * the client is cut off (a failure it sees, the connection closed), and the others go on receiving.
 */
class EventStreamsTest {

    private static final int BUFFER = 8;

    private static EventStreams streams() {
        return new EventStreams(new WatchConfig() {
            @Override
            public Webhook webhook() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Duration forceCheck() {
                return Duration.ofSeconds(10);
            }

            @Override
            public int streamBuffer() {
                return BUFFER;
            }
        });
    }

    private static WatchEvent event(int i) {
        return new WatchEvent(
                WatchEvent.DECISION_CHANGED,
                "p-" + i,
                "api.access",
                Outcome.PERMIT,
                Outcome.DENY,
                "test",
                List.of(),
                null,
                Instant.EPOCH);
    }

    @Test
    void aClientThatDoesNotReadIsCutOffPastItsBufferAndTheOthersGoOn() {
        EventStreams streams = streams();
        AssertSubscriber<WatchEvent> stalled =
                streams.subscribe("w").subscribe().withSubscriber(AssertSubscriber.create(1));
        AssertSubscriber<WatchEvent> reading =
                streams.subscribe("w").subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        assertEquals(2, streams.clients("w"));

        int sent = 1 + BUFFER + 5;
        for (int i = 0; i < sent; i++) {
            streams.publish("w", event(i));
        }

        assertEquals(1, stalled.getItems().size(), "what it asked for, and no more");
        assertInstanceOf(BackPressureFailure.class, stalled.getFailure(), "cut off once its buffer is full");
        assertEquals(sent, reading.getItems().size());
        assertEquals(1, streams.clients("w"), "the stalled client no longer counts, nor holds events");
        streams.publish("w", event(sent));
        assertEquals(sent + 1, reading.getItems().size());
    }
}
