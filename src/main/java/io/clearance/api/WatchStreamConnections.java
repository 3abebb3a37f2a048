package io.clearance.api;

import io.clearance.problem.ErrorCode;
import io.clearance.watch.EventStreams;
import io.clearance.watch.StreamConfig;
import io.clearance.watch.StreamEnd;
import io.clearance.watch.WatchService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open server-sent-events connections to watches, from the HTTP side: opens one per client
 * ({@link WatchStreamConnection}), ends them all with a {@code shutdown} event when the server starts to stop,
 * and counts them: {@code clearance_watch_streams_open} now, {@code clearance_watch_streams_cut_total{reason,
 * notice}} for every stream the server ended, by why ({@code slow-consumer}, {@code shutdown},
 * {@code watch-deleted}) and what became of its final event ({@code sent}; {@code write-queue-full}: not
 * written; {@code unread}: written, not read within the drain time; {@code gone}: the client had left). At most
 * {@code clearance.watches.stream-max} are open at once.
 */
@Startup // the gauge is there before the first stream
@ApplicationScoped
public class WatchStreamConnections {

    static final String SENT = "sent";
    static final String QUEUE_FULL = "write-queue-full";
    static final String UNREAD = "unread";
    static final String GONE = "gone";

    private final EventStreams streams;
    private final WatchService watches;
    private final StreamConfig config;
    private final Vertx vertx;
    private final MeterRegistry metrics;
    private final Set<WatchStreamConnection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    WatchStreamConnections(
            EventStreams streams, WatchService watches, StreamConfig config, Vertx vertx, MeterRegistry metrics) {
        this.streams = streams;
        this.watches = watches;
        this.config = config;
        this.vertx = vertx;
        this.metrics = metrics;
        Gauge.builder("clearance.watch.streams.open", open, Set::size)
                .description("Server-sent-events streams of watches open now")
                .register(metrics);
    }

    /**
     * Streams the events of a watch to a client, from its {@code Last-Event-ID} (may be null) on; refused with
     * {@code too-many-streams} when {@code clearance.watches.stream-max} are open.
     */
    void open(String watchId, String lastEventId, SseEventSink sink, Sse sse, HttpServerRequest request) {
        boolean resumes = lastEventId != null && !lastEventId.isBlank();
        HttpServerResponse response = request.response();
        Context context = Vertx.currentContext();
        WatchStreamConnection connection = new WatchStreamConnection(
                this,
                watchId,
                resumes ? lastEventId.strip() : streams.position(watchId),
                sink,
                sse,
                response,
                request.connection(),
                vertx,
                context);
        synchronized (open) { // invariant: never more than stream-max in `open` (removal only lowers the count)
            if (open.size() >= config.streamMax()) {
                throw new ProblemException(
                        ErrorCode.TOO_MANY_STREAMS,
                        "the server holds " + config.streamMax() + " watch streams open, as many as it allows;"
                                + " retry later");
            }
            open.add(connection);
        }
        // nginx buffers what it proxies by default, which would hold events (and keep-alives) back from the client.
        response.putHeader("X-Accel-Buffering", "no");
        SseBroadcaster closes = sse.newBroadcaster();
        closes.register(sink);
        closes.onClose(closed -> connection.closed());
        // Started after this request's handler has returned: the REST layer then sends the response's head and sets
        // its close handler, which fails on a response already ended (a stream ended at once, the server stopping).
        if (context == null) {
            start(connection, watchId, lastEventId);
        } else {
            context.runOnContext(ignored -> start(connection, watchId, lastEventId));
        }
    }

    private void start(WatchStreamConnection connection, String watchId, String lastEventId) {
        connection.open(
                config.streamRetry().toMillis(), config.streamHeartbeat().toMillis());
        if (stopping) {
            // Opened while the server stops (a load balancer still sending here): told to go elsewhere at once,
            // so that it does not hold the graceful shutdown.
            connection.end(StreamEnd.SHUTDOWN);
            return;
        }
        watches.events(watchId, lastEventId).subscribe().withSubscriber(connection);
    }

    /**
     * The server starts to stop (readiness already down): every stream ends with {@code event: shutdown} now
     * rather than hold the graceful shutdown until its timeout; its clients reconnect, to another instance.
     */
    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        endAll();
    }

    /** The same without a shutdown delay ({@code quarkus.shutdown.delay-enabled=false}): late, but said. */
    void onShutdown(@Observes ShutdownEvent event) {
        endAll();
    }

    private void endAll() {
        stopping = true;
        for (WatchStreamConnection connection : List.copyOf(open)) {
            connection.end(StreamEnd.SHUTDOWN);
        }
    }

    int bufferLimit() {
        return streams.bufferLimit();
    }

    long drainMillis() {
        return config.streamDrain().toMillis();
    }

    /** A stream the server ended, counted once its final event's fate is known. */
    void ended(String reason, String notice) {
        Counter.builder("clearance.watch.streams.cut")
                .description("Server-sent-events streams of watches the server ended, by reason and final event")
                .tag("reason", reason)
                .tag("notice", notice)
                .register(metrics)
                .increment();
    }

    /** The connection closed. */
    void gone(WatchStreamConnection connection) {
        open.remove(connection);
    }
}
