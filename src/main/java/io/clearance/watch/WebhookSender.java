package io.clearance.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Delivers watch events to webhooks: the event's JSON POSTed with {@code Clearance-Signature:
 * sha256=<hex HMAC-SHA256 of the body under the watch's secret>}, so the receiver can tell it came from
 * this server and was not altered. A receiver that does not answer 2xx is tried again after a wait that
 * doubles each time (bounded); after the last attempt the event is kept as a dead letter of the watch.
 *
 * <p>Bounded under a storm of events (a new rule set that flips a million decisions): at most
 * {@code clearance.watches.webhook.concurrency} requests are in flight, and at most
 * {@code clearance.watches.webhook.queue} events wait or are being retried at once, over every watch. An event
 * beyond that is not kept in memory: it is counted, and once the queue moves again the watch gets one dead
 * letter that says how many of its events were dropped ({@value #DROPPED}), so nothing is lost silently.
 *
 * <p>Every event carries its {@link EventId} (header {@value #EVENT_ID_HEADER} and {@code id} in the body): the
 * same on every attempt and, for a decision change, on every instance, so a receiver deduplicates on it. Every
 * instance computes every decision change, so one of those is sent only by the instance that claims it
 * ({@link DeliveryClaims}); any other event (a reseller alert) is raised by one instance, which sends it.
 */
@ApplicationScoped
public class WebhookSender {

    public static final String SIGNATURE_HEADER = "Clearance-Signature";
    public static final String EVENT_ID_HEADER = "Clearance-Event-Id";
    public static final String WATCH_ID_HEADER = "Clearance-Watch-Id";
    /** The kind of the dead letter that stands for events dropped because the delivery queue was full. */
    public static final String DROPPED = "webhook.dropped";

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);

    private final ObjectMapper json;
    private final WatchConfig.Webhook config;
    private final HttpClient client;
    private final DeadLetters deadLetters;
    private final Claims claims;
    // Events accepted and not yet delivered or dead-lettered; at most config.queue().
    private final AtomicInteger pending = new AtomicInteger();
    // Attempts due now, waiting for one of the config.concurrency() requests in flight to end.
    private final Queue<Runnable> due = new ConcurrentLinkedQueue<>();
    private final Semaphore inFlight;
    // Events dropped at a full queue, by watch, until the watch's marker dead letter is written.
    private final Map<String, AtomicLong> dropped = new ConcurrentHashMap<>();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "clearance-webhooks");
        thread.setDaemon(true);
        return thread;
    });
    // Claims ask the database: on a thread of their own, so that neither the caller nor retries wait for it.
    private final ExecutorService claiming = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "clearance-webhook-claims");
        thread.setDaemon(true);
        return thread;
    });

    /** Where an event that no attempt delivered is kept; the database's table in the server. */
    interface DeadLetters {
        void keep(Watch watch, String event, int attempts, String error);
    }

    /** Whether this instance sends a decision change: the database's claims in the server. */
    interface Claims {
        /** True when this instance is to send the event {@code eventId}; throws when it cannot be told. */
        boolean claim(String eventId);
    }

    @Inject
    WebhookSender(ObjectMapper json, WatchConfig config, DeliveryClaims claims) {
        this(json, config, WebhookSender::store, claims);
    }

    /** A sender that claims nothing: alone, it sends every event. */
    WebhookSender(ObjectMapper json, WatchConfig config, DeadLetters deadLetters) {
        this(json, config, deadLetters, eventId -> true);
    }

    WebhookSender(ObjectMapper json, WatchConfig config, DeadLetters deadLetters, Claims claims) {
        this.json = json;
        this.deadLetters = deadLetters;
        this.claims = claims;
        this.inFlight = new Semaphore(Math.max(1, config.webhook().concurrency()));
        this.config = config.webhook();
        this.client = HttpClient.newBuilder()
                .connectTimeout(this.config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Sends {@code event} to the watch's webhook, now and on failure again later; never blocks the caller.
     * Beyond the queue's bound the event is dropped and counted (see the class comment). A decision change is
     * sent only once this instance has claimed it.
     */
    void send(Watch watch, WatchEvent event) {
        if (pending.incrementAndGet() > config.queue()) {
            pending.decrementAndGet();
            dropped.computeIfAbsent(watch.id(), id -> new AtomicLong()).incrementAndGet();
            return;
        }
        String id = EventId.of(watch.id(), event);
        byte[] body;
        try {
            ObjectNode withId = json.createObjectNode().put("id", id);
            withId.setAll((ObjectNode) json.valueToTree(event));
            body = json.writeValueAsBytes(withId);
        } catch (JsonProcessingException e) {
            LOG.errorf("watch event for %s could not be written: %s", watch.id(), e.getMessage());
            pending.decrementAndGet();
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(watch.webhookUrl()))
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header(SIGNATURE_HEADER, "sha256=" + sign(watch.secret(), body))
                .header(EVENT_ID_HEADER, id)
                .header(WATCH_ID_HEADER, watch.id())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        if (!WatchEvent.DECISION_CHANGED.equals(event.kind())) {
            due(() -> attempt(watch, request, body, 1));
            return;
        }
        try {
            claiming.execute(() -> {
                if (claimed(id)) {
                    due(() -> attempt(watch, request, body, 1));
                } else {
                    done(watch); // another instance sends it
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            pending.decrementAndGet(); // stopping
        }
    }

    // A claim the database cannot record is sent anyway: a copy the receiver drops by its id beats a lost event.
    private boolean claimed(String id) {
        try {
            return claims.claim(id);
        } catch (RuntimeException e) {
            LOG.warnf("event %s could not be claimed (%s); sent without a claim", id, e.getMessage());
            return true;
        }
    }

    /** Events accepted and not yet delivered or kept as dead letters. */
    int pending() {
        return pending.get();
    }

    // Runs due attempts while fewer than `concurrency` requests are in flight; called again as each ends.
    private void due(Runnable attempt) {
        due.add(attempt);
        dispatch();
    }

    private void dispatch() {
        while (!due.isEmpty() && inFlight.tryAcquire()) {
            Runnable next = due.poll();
            if (next == null) {
                inFlight.release();
                return;
            }
            next.run();
        }
    }

    /** The hex HMAC-SHA256 of {@code body} under {@code secret}: what {@link #SIGNATURE_HEADER} carries. */
    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    // Holds one of the in-flight permits until the answer (or failure) comes.
    private void attempt(Watch watch, HttpRequest request, byte[] body, int attempt) {
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            inFlight.release();
            try {
                answered(watch, request, body, attempt, response, failure);
            } finally {
                dispatch();
            }
        });
    }

    private void answered(
            Watch watch,
            HttpRequest request,
            byte[] body,
            int attempt,
            HttpResponse<Void> response,
            Throwable failure) {
        if (failure == null && response.statusCode() / 100 == 2) {
            done(watch);
            return;
        }
        String error = failure != null
                ? failure.getClass().getSimpleName() + ": " + failure.getMessage()
                : "HTTP " + response.statusCode();
        if (attempt >= config.attempts()) {
            deadLetter(watch, body, attempt, error);
            done(watch);
            return;
        }
        long wait = backoff(attempt).toMillis();
        retries.schedule(() -> due(() -> attempt(watch, request, body, attempt + 1)), wait, TimeUnit.MILLISECONDS);
    }

    // An event left the queue: room again, so the watch's dropped events (if any) are said in one dead letter.
    private void done(Watch watch) {
        pending.decrementAndGet();
        AtomicLong count = dropped.get(watch.id());
        long lost = count == null ? 0 : count.getAndSet(0);
        if (lost > 0) {
            String marker = "{\"kind\": \"" + DROPPED + "\", \"watchId\": \"" + watch.id() + "\", \"dropped\": " + lost
                    + ", \"at\": \"" + Instant.now() + "\"}";
            keep(
                    watch,
                    marker,
                    0,
                    lost + " event(s) dropped: the webhook delivery queue was full (" + config.queue()
                            + " events waiting or being retried)");
        }
    }

    /** The wait after attempt {@code attempt} failed: the initial backoff doubled per earlier failure, capped. */
    Duration backoff(int attempt) {
        Duration wait = config.initialBackoff();
        for (int i = 1; i < attempt && wait.compareTo(config.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }

    private void deadLetter(Watch watch, byte[] body, int attempts, String error) {
        LOG.warnf(
                "watch %s: webhook refused an event %d times (%s); kept as a dead letter", watch.id(), attempts, error);
        keep(watch, new String(body, StandardCharsets.UTF_8), attempts, error);
    }

    private void keep(Watch watch, String event, int attempts, String error) {
        try {
            deadLetters.keep(watch, event, attempts, error);
        } catch (RuntimeException e) {
            LOG.errorf("watch %s: a dead letter could not be stored: %s", watch.id(), e.getMessage());
        }
    }

    private static void store(Watch watch, String event, int attempts, String error) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (WatchEntity.findById(watch.id()) == null) {
                return; // the watch was deleted meanwhile: nobody will read its dead letters
            }
            DeadLetterEntity letter = new DeadLetterEntity();
            letter.id = UUID.randomUUID().toString();
            letter.watchId = watch.id();
            letter.event = event;
            letter.attempts = attempts;
            letter.lastError = error.length() > 1000 ? error.substring(0, 1000) : error;
            letter.failedAt = Instant.now();
            letter.persist();
        });
    }

    @PreDestroy
    void stop() {
        claiming.shutdownNow();
        retries.shutdownNow();
    }
}
