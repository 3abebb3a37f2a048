package io.clearance.api;

import io.clearance.watch.EventStreams.Sent;
import io.clearance.watch.EventStreams.WatchDeleted;
import io.clearance.watch.StreamEnd;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.impl.ConnectionBase;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * One client's server-sent-events connection to a watch: writes its events one at a time (the next is asked
 * for when the last is on the socket, so that a client that stops reading fills its buffer in
 * {@link io.clearance.watch.EventStreams} and nothing else), a {@code : keep-alive} comment while nothing is
 * being written, and, when the server ends the stream, a last event saying why ({@link StreamEnd}: {@code cut}
 * for a slow client, {@code shutdown}, {@code deleted}) before the end of the response.
 *
 * <p>The last event goes behind what the socket still holds, so a client that reads again gets every event
 * written to it, then the reason, then the end. It is not written when the connection's write queue is
 * already full (the client would not read it either), and a client that does not read it within
 * {@code clearance.watches.stream-drain} has its connection closed; both are logged and counted.
 */
final class WatchStreamConnection implements Flow.Subscriber<Sent> {

    private static final Logger LOG = Logger.getLogger(WatchStreamConnection.class);

    private final WatchStreamConnections owner;
    private final String watchId;
    private final SseEventSink sink;
    private final Sse sse;
    private final HttpServerResponse response;
    private final HttpConnection connection;
    private final Vertx vertx;
    // The connection's event loop: its writes from other threads are queued there, in order.
    private final Context loop;

    // guarded by this
    private Flow.Subscription subscription;
    private String lastEventId;
    private int writing;
    private boolean ended;
    private long heartbeat = -1;

    WatchStreamConnection(
            WatchStreamConnections owner,
            String watchId,
            String position,
            SseEventSink sink,
            Sse sse,
            HttpServerResponse response,
            HttpConnection connection,
            Vertx vertx,
            Context loop) {
        this.owner = owner;
        this.watchId = watchId;
        this.lastEventId = position;
        this.sink = sink;
        this.sse = sse;
        this.response = response;
        this.connection = connection;
        this.vertx = vertx;
        this.loop = loop;
    }

    /** Sends the opening (the {@code retry:} EventSource clients wait before reconnecting) and starts heartbeats. */
    void open(long retryMillis, long heartbeatMillis) {
        write(sse.newEventBuilder()
                .comment(" watch " + watchId)
                .reconnectDelay(retryMillis)
                .build());
        if (heartbeatMillis > 0) {
            synchronized (this) {
                if (!ended) {
                    heartbeat = vertx.setPeriodic(heartbeatMillis, timer -> heartbeat());
                }
            }
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        boolean cancel;
        synchronized (this) {
            this.subscription = subscription;
            cancel = ended;
        }
        if (cancel) {
            subscription.cancel();
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onNext(Sent sent) {
        CompletionStage<?> written;
        synchronized (this) {
            if (ended) {
                return;
            }
            lastEventId = sent.id();
            written = write(event(sent));
        }
        written.whenComplete((ignored, failure) -> {
            if (failure == null) {
                requestNext();
            } else {
                closed(); // the client went away under the write
            }
        });
    }

    @Override
    public void onError(Throwable failure) {
        if (failure instanceof BackPressureFailure) {
            end(StreamEnd.SLOW_CONSUMER);
        } else if (failure instanceof WatchDeleted) {
            end(StreamEnd.WATCH_DELETED);
        } else {
            LOG.warnf(failure, "watch %s: stream failed; ending it without a final event", watchId);
            finish();
        }
    }

    /** Not expected: a watch's events end by failing ({@link WatchDeleted}); ends the stream all the same. */
    @Override
    public void onComplete() {
        finish();
    }

    /**
     * Ends the stream with a last event saying why ({@link StreamEnd#SLOW_CONSUMER}, {@link StreamEnd#SHUTDOWN},
     * {@link StreamEnd#WATCH_DELETED}) when it can still be written, then the response; counts it either way.
     */
    void end(String reason) {
        if (loop == null) {
            endNow(reason);
        } else {
            // Events written from another thread (where they are published) may still be queued on the event loop:
            // behind them, the write queue is judged with them in it (a cut comes right after a write).
            loop.runOnContext(ignored -> endNow(reason));
        }
    }

    private void endNow(String reason) {
        Flow.Subscription events;
        StreamEnd last;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            stopHeartbeat();
            events = subscription;
            last = StreamEnd.of(reason, lastEventId, owner.bufferLimit());
        }
        if (events != null) {
            events.cancel(); // whatever is buffered for this client is dropped: it is told by lastEventId
        }
        if (sink.isClosed()) {
            owner.ended(reason, WatchStreamConnections.GONE);
            return;
        }
        if (response.writeQueueFull()) {
            LOG.infof(
                    "watch %s: stream ended (%s) after %s without its final event: the connection's write queue is"
                            + " full; the client learns it from `dropped` on reconnecting",
                    watchId, reason, last.lastEventId());
            owner.ended(reason, WatchStreamConnections.QUEUE_FULL);
            abort();
            return;
        }
        LOG.infof("watch %s: stream ended (%s) after %s", watchId, reason, last.lastEventId());
        CompletionStage<?> written = write(sse.newEventBuilder()
                .id(last.lastEventId())
                .name(StreamEnd.eventName(reason))
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(StreamEnd.class, last)
                .build());
        sink.close();
        AtomicBoolean counted = new AtomicBoolean();
        long drain = vertx.setTimer(owner.drainMillis(), timer -> {
            if (counted.compareAndSet(false, true)) {
                LOG.infof(
                        "watch %s: the final event (%s) was not read within %d ms; closing the connection",
                        watchId, reason, owner.drainMillis());
                owner.ended(reason, WatchStreamConnections.UNREAD);
                abort();
            }
        });
        written.whenComplete((ignored, failure) -> {
            if (counted.compareAndSet(false, true)) {
                vertx.cancelTimer(drain);
                owner.ended(reason, failure == null ? WatchStreamConnections.SENT : WatchStreamConnections.GONE);
            }
        });
    }

    /**
     * Closes the connection now, dropping what is queued for it. Vert.x's {@code close()} (of the response, the
     * connection, even the Netty channel, whose close its handler intercepts) closes only once what is queued has
     * been written, which a client that does not read never lets happen: the connection would stay open for as
     * long as the client holds it. Closing from Vert.x's own handler onwards, as Vert.x does once it has flushed,
     * skips that wait.
     */
    private void abort() {
        if (connection instanceof ConnectionBase base) {
            base.channelHandlerContext().close();
        } else {
            connection.close();
        }
    }

    /** The connection closed, by the client or after the server ended it. */
    void closed() {
        Flow.Subscription events = stop();
        if (events != null) {
            events.cancel();
        }
        owner.gone(this);
    }

    /** Ends the stream with no final event (the watch was deleted, or the stream failed). */
    private void finish() {
        stop();
        sink.close();
        owner.gone(this);
    }

    // The subscription to cancel if this call is what ended the stream; null if it was ended already.
    private synchronized Flow.Subscription stop() {
        if (ended) {
            return null;
        }
        ended = true;
        stopHeartbeat();
        return subscription;
    }

    private void heartbeat() {
        synchronized (this) {
            // A write in flight keeps the connection busy already, and one more behind it would not be read.
            if (ended || writing > 0) {
                return;
            }
            write(sse.newEventBuilder().comment(" keep-alive").build());
        }
    }

    private void requestNext() {
        Flow.Subscription events;
        synchronized (this) {
            events = ended ? null : subscription;
        }
        if (events != null) {
            events.request(1);
        }
    }

    private synchronized CompletionStage<?> write(OutboundSseEvent event) {
        if (sink.isClosed()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the client went away"));
        }
        writing++;
        CompletionStage<?> written;
        try {
            written = sink.send(event);
        } catch (IllegalStateException closedMeanwhile) {
            writing--;
            return CompletableFuture.failedFuture(closedMeanwhile);
        }
        return written.whenComplete((ignored, failure) -> {
            synchronized (this) {
                writing--;
            }
        });
    }

    private OutboundSseEvent event(Sent sent) {
        OutboundSseEvent.Builder event = sse.newEventBuilder().id(sent.id()).mediaType(MediaType.APPLICATION_JSON_TYPE);
        if (sent.name() != null) {
            event.name(sent.name());
        }
        return event.data(sent.data().getClass(), sent.data()).build();
    }

    // guarded by this
    private void stopHeartbeat() {
        if (heartbeat >= 0) {
            vertx.cancelTimer(heartbeat);
            heartbeat = -1;
        }
    }
}
