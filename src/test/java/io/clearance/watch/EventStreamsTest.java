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
 * the client is cut off (a failure it sees, the connection closed), and the others go on receiving. A client
 * that comes back with the id of the last event it received is told first what it missed, by count and id
 * range; so is one between two of whose events some were not delivered; one whose id is not of this stream is
 * told that it cannot be counted.
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

            @Override
            public Duration refresh() {
                return Duration.ofSeconds(30);
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
        AssertSubscriber<EventStreams.Sent> stalled =
                streams.subscribe("w").subscribe().withSubscriber(AssertSubscriber.create(1));
        AssertSubscriber<EventStreams.Sent> reading =
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

    private static String id(EventStreams.Sent sent) {
        return sent.id();
    }

    private static long number(String id) {
        return Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
    }

    @Test
    void aClientCutOffIsToldOnReconnectHowManyEventsItMissedAndWhich() {
        EventStreams streams = streams();
        AssertSubscriber<EventStreams.Sent> stalled =
                streams.subscribe("w").subscribe().withSubscriber(AssertSubscriber.create(1));
        int sent = 1 + BUFFER + 5;
        for (int i = 0; i < sent; i++) {
            streams.publish("w", event(i));
        }
        assertInstanceOf(BackPressureFailure.class, stalled.getFailure(), "cut off");
        String last = id(stalled.getItems().get(0));
        int whileAway = 3;
        for (int i = 0; i < whileAway; i++) {
            streams.publish("w", event(sent + i));
        }

        AssertSubscriber<EventStreams.Sent> back =
                streams.subscribe("w", last).subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        streams.publish("w", event(sent + whileAway));

        List<EventStreams.Sent> items = back.getItems();
        assertEquals(2, items.size(), items::toString);
        assertEquals(EventStreams.Sent.DROPPED, items.get(0).name());
        DroppedEvents dropped = (DroppedEvents) items.get(0).data();
        long missed = sent - 1 + whileAway;
        assertEquals(DroppedEvents.KIND, dropped.kind());
        assertEquals(DroppedEvents.MISSED, dropped.reason());
        assertEquals(missed, dropped.count(), "all but the one event it read, and those while it was away");
        assertEquals(number(last) + 1, number(dropped.fromId()));
        assertEquals(number(last) + missed, number(dropped.toId()));
        assertEquals(dropped.toId(), items.get(0).id(), "the notice's id is the position after it");
        assertEquals(null, items.get(1).name(), "then the events go on, as ordinary events");
        assertEquals(number(dropped.toId()) + 1, number(id(items.get(1))));
        assertEquals("p-" + (sent + whileAway), ((WatchEvent) items.get(1).data()).partyId());
    }

    @Test
    void aClientThatMissedNothingIsToldNothing() {
        EventStreams streams = streams();
        AssertSubscriber<EventStreams.Sent> first =
                streams.subscribe("w").subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        streams.publish("w", event(0));
        String last = id(first.getItems().get(0));
        first.cancel();

        AssertSubscriber<EventStreams.Sent> back =
                streams.subscribe("w", last).subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        streams.publish("w", event(1));
        assertEquals(1, back.getItems().size(), back.getItems()::toString);
        assertEquals(null, back.getItems().get(0).name());
        assertEquals(number(last) + 1, number(id(back.getItems().get(0))));
    }

    @Test
    void anIdOfAnotherStreamIsToldThatWhatItMissedCannotBeCounted() {
        EventStreams streams = streams();
        streams.publish("w", event(0));
        for (String foreign : List.of("0badc0de-1", "not an id", "-1", "0badc0de-")) {
            AssertSubscriber<EventStreams.Sent> back =
                    streams.subscribe("w", foreign).subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
            DroppedEvents dropped = (DroppedEvents) back.getItems().get(0).data();
            assertEquals(DroppedEvents.UNKNOWN_POSITION, dropped.reason(), foreign);
            assertEquals(null, dropped.count(), foreign);
            assertEquals(1, number(dropped.toId()), "the position after it: the last event published");
        }
        // An id of this stream further than it has gone is not one either.
        EventStreams.Sent first =
                streams.subscribe("w", "x").collect().first().await().indefinitely();
        String future = first.id().substring(0, first.id().lastIndexOf('-')) + "-99";
        DroppedEvents dropped = (DroppedEvents) streams.subscribe("w", future)
                .collect()
                .first()
                .await()
                .indefinitely()
                .data();
        assertEquals(DroppedEvents.UNKNOWN_POSITION, dropped.reason());
    }

    @Test
    void eventsNotDeliveredBetweenTwoReadsAreToldBeforeTheNext() {
        EventStreams streams = streams();
        streams.publish("w", event(0));
        String last = streams.subscribe("w", "x")
                .collect()
                .first()
                .await()
                .indefinitely()
                .id();
        streams.publish("w", event(1));
        // The notice of event 1 is read; the stream of live events is joined only when more is asked for, so
        // event 2, published before that, is not delivered: the client must hear of it before event 3.
        AssertSubscriber<EventStreams.Sent> client =
                streams.subscribe("w", last).subscribe().withSubscriber(AssertSubscriber.create(1));
        assertEquals(1, client.getItems().size());
        streams.publish("w", event(2));
        client.request(Long.MAX_VALUE);
        streams.publish("w", event(3));

        List<EventStreams.Sent> items = client.getItems();
        assertEquals(3, items.size(), items::toString);
        DroppedEvents gap = (DroppedEvents) items.get(1).data();
        assertEquals(1L, gap.count());
        assertEquals(number(last) + 2, number(gap.fromId()));
        assertEquals("p-3", ((WatchEvent) items.get(2).data()).partyId());
    }
}
