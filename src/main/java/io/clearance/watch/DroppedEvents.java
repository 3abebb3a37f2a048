package io.clearance.watch;

/**
 * What a server-sent-events client of a watch did not receive: the events published while it was away, cut
 * off for reading too slowly, or between two reads of the stream. Sent as an event named {@code dropped},
 * before the next event it does receive; whoever gets one should fetch the decisions of the watched parties
 * again rather than trust the events it holds.
 *
 * @param kind always {@link #KIND}, so that a reader of the data alone tells it from a {@link WatchEvent}
 * @param count how many events were lost; null when the stream cannot tell (a {@code Last-Event-ID} from
 *     another server or before a restart): then any number may have been
 * @param fromId the id of the first event lost; null when unknown
 * @param toId the id of the last event lost (or, when unknown, of the last event published): the position the
 *     client is at after this event
 * @param reason {@link #MISSED} or {@link #UNKNOWN_POSITION}
 */
public record DroppedEvents(String kind, Long count, String fromId, String toId, String reason) {

    public static final String KIND = "events.dropped";

    /** The events from {@code fromId} to {@code toId} were published and not delivered to this client. */
    public static final String MISSED = "missed";

    /** The client's {@code Last-Event-ID} is not of this stream: what it missed cannot be counted. */
    public static final String UNKNOWN_POSITION = "unknown-position";

    static DroppedEvents missed(String fromId, String toId, long count) {
        return new DroppedEvents(KIND, count, fromId, toId, MISSED);
    }

    static DroppedEvents unknown(String toId) {
        return new DroppedEvents(KIND, null, null, toId, UNKNOWN_POSITION);
    }
}
