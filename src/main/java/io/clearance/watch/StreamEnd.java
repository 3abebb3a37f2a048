package io.clearance.watch;

/**
 * Why the server ended a server-sent-events client's stream of a watch: the last event it is sent, named
 * {@code cut} when the client read too slowly, {@code shutdown} when the server is stopping and {@code deleted}
 * when the watch was deleted. It is sent when it can still be written; a client that does not get it learns the
 * same on reconnecting, from the {@code dropped} event ({@link DroppedEvents}) that its {@code Last-Event-ID}
 * brings (or, for a deleted watch, from the 404).
 *
 * @param kind always {@link #KIND}, so that a reader of the data alone tells it from a {@link WatchEvent}
 * @param reason {@link #SLOW_CONSUMER}, {@link #SHUTDOWN} or {@link #WATCH_DELETED}
 * @param lastEventId the id of the last event (or {@code dropped} notice) written to this client before this
 *     one: what to send as {@code Last-Event-ID} on reconnecting, as an {@code EventSource} does by itself
 * @param bufferLimit for a cut, the events a client may fall behind before it is cut
 *     ({@code clearance.watches.stream-buffer}); null otherwise
 */
public record StreamEnd(String kind, String reason, String lastEventId, Integer bufferLimit) {

    public static final String KIND = "stream.end";

    /** The client fell {@code bufferLimit} events behind: reconnect, and fetch what {@code dropped} names. */
    public static final String SLOW_CONSUMER = "slow-consumer";

    /** The server is stopping: reconnect, to another instance (the load balancer's choice). */
    public static final String SHUTDOWN = "shutdown";

    /** The watch was deleted: reconnecting is answered 404; nothing more will come. */
    public static final String WATCH_DELETED = "watch-deleted";

    /** The SSE event name of a cut. */
    public static final String CUT_EVENT = "cut";

    /** The SSE event name of the end at shutdown. */
    public static final String SHUTDOWN_EVENT = "shutdown";

    /** The SSE event name of the end of a deleted watch's stream. */
    public static final String DELETED_EVENT = "deleted";

    /** The final event of a stream ended for {@code reason}, the client's last event {@code lastEventId}. */
    public static StreamEnd of(String reason, String lastEventId, int bufferLimit) {
        return switch (reason) {
            case SLOW_CONSUMER -> slowConsumer(lastEventId, bufferLimit);
            case SHUTDOWN -> shutdown(lastEventId);
            case WATCH_DELETED -> new StreamEnd(KIND, WATCH_DELETED, lastEventId, null);
            default -> throw new IllegalArgumentException("no stream end `" + reason + "`");
        };
    }

    /** The SSE event name the final event of {@code reason} goes by. */
    public static String eventName(String reason) {
        return switch (reason) {
            case SLOW_CONSUMER -> CUT_EVENT;
            case SHUTDOWN -> SHUTDOWN_EVENT;
            default -> DELETED_EVENT;
        };
    }

    public static StreamEnd slowConsumer(String lastEventId, int bufferLimit) {
        return new StreamEnd(KIND, SLOW_CONSUMER, lastEventId, bufferLimit);
    }

    public static StreamEnd shutdown(String lastEventId) {
        return new StreamEnd(KIND, SHUTDOWN, lastEventId, null);
    }
}
