package io.clearance.watch;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server-sent-events side of the watches: one broadcast per watch, to every client reading
 * {@code GET /v1/watches/{id}/events} at the time. A client that is not connected misses events (the
 * webhook and its dead letters are the durable way); one that reads slower than events come is cut off once
 * it falls {@code clearance.watches.stream-buffer} events behind (its stream fails and its connection closes),
 * rather than holding up the others or growing the server's memory without bound. It may reconnect.
 */
@ApplicationScoped
public class EventStreams {

    private final Map<String, Stream> streams = new ConcurrentHashMap<>();
    private final int buffer;

    EventStreams(WatchConfig config) {
        this.buffer = config.streamBuffer();
    }

    /** The events of a watch from now on, for one client. */
    public Multi<WatchEvent> subscribe(String watchId) {
        Stream stream = streams.computeIfAbsent(watchId, id -> new Stream());
        return stream.events
                .onSubscription()
                .invoke(stream.clients::incrementAndGet)
                .onTermination()
                .invoke(stream.clients::decrementAndGet)
                .onOverflow()
                .buffer(buffer);
    }

    /** How many clients read a watch's stream now. */
    public int clients(String watchId) {
        Stream stream = streams.get(watchId);
        return stream == null ? 0 : stream.clients.get();
    }

    void publish(String watchId, WatchEvent event) {
        Stream stream = streams.get(watchId);
        if (stream != null) {
            stream.events.onNext(event);
        }
    }

    /** The watches that have a stream here (a watch deleted on another instance has its streams ended). */
    java.util.Set<String> ids() {
        return streams.keySet();
    }

    /** Ends the streams of a deleted watch. */
    void close(String watchId) {
        Stream stream = streams.remove(watchId);
        if (stream != null) {
            stream.events.onComplete();
        }
    }

    private static final class Stream {
        final BroadcastProcessor<WatchEvent> events = BroadcastProcessor.create();
        final AtomicInteger clients = new AtomicInteger();
    }
}
