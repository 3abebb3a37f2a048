package io.clearance.watch;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * What a watch's webhook did not get, kept for its operator: an event the receiver refused on every attempt, and
 * the count of events dropped because neither the delivery queue nor the database could hold them, said in one
 * dead letter of kind {@value WebhookSender#DROPPED} per watch once the queue moves again.
 */
final class WebhookDeadLetters {

    private static final Logger LOG = Logger.getLogger(WebhookDeadLetters.class);

    private final WebhookSender.DeadLetters store;
    private final int queue;
    // Events dropped, by watch, until the watch's marker dead letter is written.
    private final Map<String, AtomicLong> dropped = new ConcurrentHashMap<>();

    WebhookDeadLetters(WebhookSender.DeadLetters store, int queue) {
        this.store = store;
        this.queue = queue;
    }

    /** An event of {@code watchId} was dropped. */
    void drop(String watchId) {
        dropped.computeIfAbsent(watchId, id -> new AtomicLong()).incrementAndGet();
    }

    /** The queue moved: the watch's dropped events, if any, are said in one dead letter. */
    void droppedSaid(Watch watch) {
        AtomicLong count = dropped.get(watch.id());
        long lost = count == null ? 0 : count.getAndSet(0);
        if (lost > 0) {
            String marker = "{\"kind\": \"" + WebhookSender.DROPPED + "\", \"watchId\": \"" + watch.id()
                    + "\", \"dropped\": " + lost + ", \"at\": \"" + Instant.now() + "\"}";
            keep(
                    watch,
                    marker,
                    0,
                    lost + " event(s) dropped: the webhook delivery queue was full (" + queue
                            + " events waiting or being retried) and the database could not keep them");
        }
    }

    /** The receiver refused {@code body} {@code attempts} times: kept as it was sent. */
    void refused(Watch watch, byte[] body, int attempts, String error) {
        LOG.warnf(
                "watch %s: webhook refused an event %d times (%s); kept as a dead letter", watch.id(), attempts, error);
        keep(watch, new String(body, StandardCharsets.UTF_8), attempts, error);
    }

    private void keep(Watch watch, String event, int attempts, String error) {
        try {
            store.keep(watch, event, attempts, error);
        } catch (RuntimeException e) {
            LOG.errorf("watch %s: a dead letter could not be stored: %s", watch.id(), e.getMessage());
        }
    }
}
