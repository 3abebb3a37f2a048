package io.clearance.watch;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server-sent-events side of the watches: one broadcast per watch, to every client reading
 * {@code GET /v1/watches/{id}/events} at the time. A client that reads slower than events come is cut off
 * once it falls {@code clearance.watches.stream-buffer} events behind (its stream fails with a
 * {@link io.smallrye.mutiny.subscription.BackPressureFailure}; the HTTP side sends it a final {@code cut} event,
 * {@link StreamEnd}, and closes), rather than holding up the others or growing the server's memory without
 * bound.
 *
 * <p>No client is left believing it saw everything: every event of a watch gets an id, in order
 * ({@code <stream>-<n>}, the stream part drawn at start so that ids of another server or of before a restart
 * are told apart), and a client that reconnects with the last id it received ({@code Last-Event-ID}, as an
 * {@code EventSource} does by itself) is first sent a {@code dropped} event ({@link DroppedEvents}) with the
 * count and the id range of what it missed, while away or cut off; so is a client between two of whose events
 * some were not delivered. A deleted watch's streams fail with {@link WatchDeleted} at once. Events are not
 * kept for replay: the webhook and its dead letters are the durable way, and a client told of a loss fetches
 * the decisions again.
 */
@ApplicationScoped
public class EventStreams {

    private final Map<String, Stream> streams = new ConcurrentHashMap<>();
    private final int buffer;
    private final String epoch;

    EventStreams(WatchConfig config) {
        this.buffer = config.streamBuffer();
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        this.epoch = HexFormat.of().formatHex(random);
    }

    /**
     * One item of a stream as a client receives it: an event ({@code name} null, the default SSE event) or a
     * {@code dropped} notice.
     *
     * @param id the SSE id: the event's, or for a notice the last id it covers
     * @param data a {@link WatchEvent} or a {@link DroppedEvents}
     */
    public record Sent(String id, String name, Object data) {

        public static final String DROPPED = "dropped";
    }

    /** The events of a watch from now on, for one client that has seen none (or does not say). */
    public Multi<Sent> subscribe(String watchId) {
        return subscribe(watchId, null);
    }

    /**
     * The events of a watch from now on, for one client; when {@code lastEventId} (the id of the last event
     * the client received) is given and events came after it, a {@code dropped} notice first.
     */
    public Multi<Sent> subscribe(String watchId, String lastEventId) {
        Stream stream = streams.computeIfAbsent(watchId, id -> new Stream());
        return Multi.createFrom().deferred(() -> {
            Client client = new Client();
            List<Sent> first = client.resume(stream, lastEventId);
            Multi<Sent> live = stream.events
                    .onSubscription()
                    .invoke(stream.clients::incrementAndGet)
                    .onTermination()
                    .invoke(stream.clients::decrementAndGet)
                    // A failure passes the buffer at once where a completion would wait behind the events a
                    // client has yet to read: one that stopped reading would hold the deleted watch's stream open.
                    .onCompletion()
                    .failWith(WatchDeleted::new)
                    .onOverflow()
                    .buffer(buffer)
                    .onItem()
                    .transformToIterable(client::deliver);
            return first.isEmpty()
                    ? live
                    : Multi.createBy()
                            .concatenating()
                            .streams(Multi.createFrom().iterable(first), live);
        });
    }

    /**
     * The id of the last event published on a watch's stream (number 0 when none yet): where a client that
     * connects now without a {@code Last-Event-ID} stands, for the final event of a stream ended before any
     * event was written to it.
     */
    public String position(String watchId) {
        Stream stream = streams.get(watchId);
        return id(stream == null ? 0 : stream.published());
    }

    /** The events a client may fall behind before it is cut off ({@code clearance.watches.stream-buffer}). */
    public int bufferLimit() {
        return buffer;
    }

    /** How many clients read a watch's stream now. */
    public int clients(String watchId) {
        Stream stream = streams.get(watchId);
        return stream == null ? 0 : stream.clients.get();
    }

    void publish(String watchId, WatchEvent event) {
        // Numbered whether or not a client reads now: one that comes back must learn what it missed.
        Stream stream = streams.computeIfAbsent(watchId, id -> new Stream());
        synchronized (stream) {
            // invariant: ids are handed out and emitted in one order, so a client sees them increase.
            stream.published++;
            stream.events.onNext(new Numbered(stream.published, event));
        }
    }

    /** The watches that have a stream here (a watch deleted on another instance has its streams ended). */
    java.util.Set<String> ids() {
        return streams.keySet();
    }

    /** Ends the streams of a deleted watch: each fails with {@link WatchDeleted}. */
    void close(String watchId) {
        Stream stream = streams.remove(watchId);
        if (stream != null) {
            stream.events.onComplete();
        }
    }

    /** How a stream of a watch ends when the watch is deleted (here or on another instance). */
    public static final class WatchDeleted extends RuntimeException {

        WatchDeleted() {
            super("the watch was deleted", null, false, false);
        }
    }

    private String id(long n) {
        return epoch + "-" + n;
    }

    private record Numbered(long n, WatchEvent event) {}

    private static final class Stream {
        final BroadcastProcessor<Numbered> events = BroadcastProcessor.create();
        final AtomicInteger clients = new AtomicInteger();
        // guarded by this
        long published;

        synchronized long published() {
            return published;
        }
    }

    /** One client's place in a stream: the number of the next event it should receive. */
    private final class Client {
        // invariant: used by one subscription, whose items are delivered one at a time.
        private long next;

        /** Where the client stands on (re)connecting, and the notice of what it missed, if anything. */
        List<Sent> resume(Stream stream, String lastEventId) {
            long published = stream.published();
            next = published + 1;
            if (lastEventId == null || lastEventId.isBlank()) {
                return List.of();
            }
            long seen = seen(lastEventId.strip(), published);
            if (seen == published) {
                return List.of();
            }
            if (seen < 0) {
                return List.of(new Sent(id(published), Sent.DROPPED, DroppedEvents.unknown(id(published))));
            }
            return List.of(missed(seen + 1, published));
        }

        /** The event, after a notice of those between the last one delivered and it, if any. */
        List<Sent> deliver(Numbered numbered) {
            if (numbered.n() < next) {
                return List.of(); // published before this client's position: not its to see
            }
            List<Sent> sent = new ArrayList<>(2);
            if (numbered.n() > next) {
                sent.add(missed(next, numbered.n() - 1));
            }
            sent.add(new Sent(id(numbered.n()), null, numbered.event()));
            next = numbered.n() + 1;
            return sent;
        }

        private Sent missed(long from, long to) {
            return new Sent(id(to), Sent.DROPPED, DroppedEvents.missed(id(from), id(to), to - from + 1));
        }

        // The number in a Last-Event-ID of this stream, or -1 when it is not one (another server, a restart).
        private long seen(String lastEventId, long published) {
            int dash = lastEventId.lastIndexOf('-');
            if (dash < 0 || !lastEventId.substring(0, dash).equals(epoch)) {
                return -1;
            }
            try {
                long n = Long.parseLong(lastEventId.substring(dash + 1));
                return n >= 0 && n <= published ? n : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }
}
