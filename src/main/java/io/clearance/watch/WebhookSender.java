package io.clearance.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
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
 * beyond that is not kept in memory: it is kept in the database, pending with no lease (spilled), and taken
 * from there by the first instance whose queue has room (this one as soon as its queue is half empty). Only
 * when the database cannot keep it either (or a queue's worth of events, at least 500, is already being
 * written there) is it dropped and counted, and once the queue moves again the watch gets one dead letter that
 * says how many of its events were dropped ({@value #DROPPED}), so nothing is lost silently.
 *
 * <p>Every event carries its {@link EventId} (header {@value #EVENT_ID_HEADER} and {@code id} in the body): the
 * same on every attempt and, for a decision change, on every instance, so a receiver deduplicates on it. Every
 * instance computes every decision change, so an event is sent only by the instance that claims it
 * ({@link DeliveryClaims}); a reseller alert, raised by one instance, is claimed by it alike. The claim is
 * the durable record of the delivery, this queue only its cache: its row keeps the body as sent, the attempts
 * and a lease this instance renews; a delivery whose holder died is taken over from the database by whichever
 * instance sweeps first, and one this instance's last run left pending is taken up at its start. An event the
 * database cannot claim (it is down) is sent anyway, unrecorded: a copy beats a lost event.
 */
@ApplicationScoped
public class WebhookSender {

    public static final String SIGNATURE_HEADER = "Clearance-Signature";
    public static final String EVENT_ID_HEADER = "Clearance-Event-Id";
    public static final String WATCH_ID_HEADER = "Clearance-Watch-Id";
    /** The kind of the dead letter that stands for events dropped because the delivery queue was full. */
    public static final String DROPPED = "webhook.dropped";

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);
    // The token of an event sent without a claim (the database could not be asked): it has no row to mark.
    private static final String UNCLAIMED = "";
    // Deliveries one sweep takes from the database at most.
    private static final int SWEEP_BATCH = 500;

    private final ObjectMapper json;
    private final WatchConfig.Webhook config;
    private final HttpClient client;
    private final WebhookDeadLetters deadLetters;
    private final WebhookClaims claims;
    private final Watches watches;
    // Events accepted and not yet delivered or dead-lettered; at most config.queue().
    private final AtomicInteger pending = new AtomicInteger();
    // Attempts due now, waiting for one of the config.concurrency() requests in flight to end.
    private final Queue<Runnable> due = new ConcurrentLinkedQueue<>();
    private final Semaphore inFlight;
    // Events being written to the database beyond the queue (spilled): at most config.queue(), or SWEEP_BATCH.
    private final AtomicInteger spilling = new AtomicInteger();
    // Set when events may wait in the database: the queue takes them as soon as it is half empty.
    private final AtomicBoolean spilled = new AtomicBoolean();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "clearance-webhooks");
        thread.setDaemon(true);
        return thread;
    });
    // Claims, outcomes, leases and sweeps ask the database: on a thread of their own, so that neither the
    // caller nor retries wait for it, and in the order they were asked (an outcome after its claim).
    private final ExecutorService database = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "clearance-webhook-claims");
        thread.setDaemon(true);
        return thread;
    });

    /** Where an event that no attempt delivered is kept; the database's table in the server. */
    interface DeadLetters {
        void keep(Watch watch, String event, int attempts, String error);
    }

    /** The stored watch a delivery taken from the database goes to; empty when it was deleted. */
    interface Watches {
        Optional<Watch> find(String watchId);
    }

    @Inject
    WebhookSender(ObjectMapper json, WatchConfig config, DeliveryClaims claims) {
        this(json, config, DeadLetterEntity::keep, claims, WatchEntity::stored);
    }

    /** A sender that claims nothing: alone, it sends every event. */
    WebhookSender(ObjectMapper json, WatchConfig config, DeadLetters deadLetters) {
        this(json, config, deadLetters, (eventId, watchId, body) -> Optional.of(""), watchId -> Optional.empty());
    }

    WebhookSender(
            ObjectMapper json, WatchConfig config, DeadLetters deadLetters, WebhookClaims claims, Watches watches) {
        this.json = json;
        this.deadLetters = new WebhookDeadLetters(deadLetters, config.webhook().queue());
        this.claims = claims;
        this.watches = watches;
        this.inFlight = new Semaphore(Math.max(1, config.webhook().concurrency()));
        this.config = config.webhook();
        this.client = HttpClient.newBuilder()
                .connectTimeout(this.config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Takes up the deliveries this instance's previous process left pending, then every {@code
     * clearance.watches.webhook.lease-renewal} renews the lease of those it holds and takes over those whose
     * holder's lease ran out. A start-up step of the watches.
     */
    void start() {
        database.execute(() -> take(claims::resume, "taken up from this instance's last run"));
        long period = Math.max(1, config.leaseRenewal().toMillis());
        retries.scheduleWithFixedDelay(
                () -> {
                    try {
                        database.execute(this::sweep);
                    } catch (RejectedExecutionException e) {
                        // stopping
                    }
                },
                period,
                period,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Sends {@code event} to the watch's webhook, now and on failure again later; never blocks the caller.
     * Beyond the queue's bound the event is kept in the database (or, when it cannot be, dropped and counted:
     * see the class comment). It is sent only once this instance has claimed it.
     */
    void send(Watch watch, WatchEvent event) {
        boolean queued = pending.incrementAndGet() <= config.queue();
        if (!queued) {
            pending.decrementAndGet();
        }
        String id = EventId.of(watch.id(), event);
        byte[] body;
        try {
            ObjectNode withId = json.createObjectNode().put("id", id);
            withId.setAll((ObjectNode) json.valueToTree(event));
            body = json.writeValueAsBytes(withId);
        } catch (JsonProcessingException e) {
            LOG.errorf("watch event for %s could not be written: %s", watch.id(), e.getMessage());
            pending.addAndGet(queued ? -1 : 0);
            return;
        }
        if (!queued) {
            spill(watch, id, body);
            return;
        }
        try {
            database.execute(() -> {
                Optional<String> token = claimed(id, watch.id(), body);
                if (token.isPresent()) {
                    WebhookDelivery delivery = WebhookDelivery.of(watch, id, token.get(), body, config.timeout());
                    due(() -> attempt(delivery, 1));
                } else {
                    done(watch); // another instance sends it
                }
            });
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet(); // stopping
        }
    }

    // Beyond the queue an event waits in the database, not in memory, unleased, for a sweep with room (this
    // instance's or another's) to send it. Only what the database cannot take either, or more than a queue's
    // worth of events waiting to be written there, is dropped and counted.
    private void spill(Watch watch, String id, byte[] body) {
        if (spilling.incrementAndGet() > Math.max(config.queue(), SWEEP_BATCH)) {
            spilling.decrementAndGet();
            deadLetters.drop(watch.id());
            return;
        }
        try {
            database.execute(() -> {
                try {
                    claims.spill(id, watch.id(), new String(body, StandardCharsets.UTF_8));
                    spilled.set(true);
                } catch (RuntimeException e) {
                    LOG.debugf("event %s could not be kept in the database (%s); dropped", id, e.getMessage());
                    deadLetters.drop(watch.id());
                } finally {
                    spilling.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            spilling.decrementAndGet(); // stopping
        }
    }

    // A claim the database cannot record is sent anyway: a copy the receiver drops by its id beats a lost event.
    private Optional<String> claimed(String id, String watchId, byte[] body) {
        try {
            return claims.claim(id, watchId, new String(body, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            LOG.warnf("event %s could not be claimed (%s); sent without a claim", id, e.getMessage());
            return Optional.of(UNCLAIMED);
        }
    }

    /**
     * Renews the leases this instance holds and takes over, as far as the queue has room, the deliveries nobody
     * holds; on the database thread. Returns how many it took.
     */
    int sweep() {
        try {
            claims.renew();
        } catch (RuntimeException e) {
            LOG.warnf("webhook delivery leases could not be renewed (%s)", e.getMessage());
            return 0;
        }
        return take(claims::takeOver, "taken over");
    }

    // Takes deliveries from the database as far as the queue has room, and sends them.
    private int take(IntFunction<List<WebhookClaims.Held>> source, String how) {
        int room = reserve();
        List<WebhookClaims.Held> taken = List.of();
        try {
            taken = source.apply(room);
        } catch (RuntimeException e) {
            LOG.warnf("pending webhook deliveries could not be %s (%s)", how, e.getMessage());
        } finally {
            pending.addAndGet(taken.size() - room);
        }
        if (!taken.isEmpty()) {
            LOG.debugf("%d pending webhook delivery(ies) %s", taken.size(), how);
            spilled.compareAndSet(false, taken.size() == room); // a full batch: more may wait
        }
        for (WebhookClaims.Held held : taken) {
            resend(held);
        }
        return taken.size();
    }

    // Room for at most SWEEP_BATCH taken deliveries, counted as pending while the database is asked, so that
    // events sent meanwhile do not push the queue past its bound.
    private int reserve() {
        while (true) {
            int now = pending.get();
            int room = Math.min(SWEEP_BATCH, config.queue() - now);
            if (room <= 0) {
                return 0;
            }
            if (pending.compareAndSet(now, now + room)) {
                return room;
            }
        }
    }

    // A delivery taken from the database goes on where its last holder stopped, with the body it stored.
    private void resend(WebhookClaims.Held held) {
        Optional<Watch> watch;
        try {
            watch = watches.find(held.watchId());
        } catch (RuntimeException e) {
            LOG.warnf("watch %s could not be read (%s); its delivery waits", held.watchId(), e.getMessage());
            pending.decrementAndGet();
            claims.ended(held.eventId(), held.token(), DeliveryClaims.PENDING); // no lease: the next sweep takes it
            return;
        }
        if (watch.isEmpty() || watch.get().webhookUrl() == null) {
            pending.decrementAndGet(); // the watch was deleted: nobody waits for its events
            claims.ended(held.eventId(), held.token(), DeliveryClaims.DEAD_LETTERED);
            return;
        }
        byte[] body = held.body().getBytes(StandardCharsets.UTF_8);
        WebhookDelivery delivery =
                WebhookDelivery.of(watch.get(), held.eventId(), held.token(), body, config.timeout());
        long wait =
                Math.max(0, Duration.between(Instant.now(), held.nextAttempt()).toMillis());
        retries.schedule(() -> due(() -> attempt(delivery, held.attempts() + 1)), wait, TimeUnit.MILLISECONDS);
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
    private void attempt(WebhookDelivery delivery, int attempt) {
        client.sendAsync(delivery.request(), HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, failure) -> {
                    inFlight.release();
                    try {
                        answered(delivery, attempt, response, failure);
                    } finally {
                        dispatch();
                    }
                });
    }

    private void answered(WebhookDelivery delivery, int attempt, HttpResponse<Void> response, Throwable failure) {
        if (failure == null && response.statusCode() / 100 == 2) {
            outcome(delivery, () -> claims.ended(delivery.id(), delivery.token(), DeliveryClaims.DELIVERED));
            done(delivery.watch());
            return;
        }
        String error = failure != null
                ? failure.getClass().getSimpleName() + ": " + failure.getMessage()
                : "HTTP " + response.statusCode();
        if (attempt >= config.attempts()) {
            deadLetters.refused(delivery.watch(), delivery.body(), attempt, error);
            outcome(delivery, () -> claims.ended(delivery.id(), delivery.token(), DeliveryClaims.DEAD_LETTERED));
            done(delivery.watch());
            return;
        }
        Duration wait = backoff(attempt);
        Instant next = Instant.now().plus(wait);
        outcome(delivery, () -> claims.retrying(delivery.id(), delivery.token(), attempt, next));
        retries.schedule(() -> due(() -> attempt(delivery, attempt + 1)), wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    // Recorded on the database thread, never on the HTTP client's; an event sent unclaimed has no row.
    private void outcome(WebhookDelivery delivery, Runnable record) {
        if (UNCLAIMED.equals(delivery.token())) {
            return;
        }
        try {
            database.execute(record);
        } catch (RejectedExecutionException e) {
            // stopping: the row stays pending, and the next start or another instance sends it again
        }
    }

    // An event left the queue: room again, so the watch's dropped events (if any) are said in one dead letter.
    private void done(Watch watch) {
        if (pending.decrementAndGet() <= config.queue() / 2 && spilled.compareAndSet(true, false)) {
            try {
                database.execute(() -> take(claims::takeOver, "taken from the database"));
            } catch (RejectedExecutionException e) {
                // stopping
            }
        }
        deadLetters.droppedSaid(watch);
    }

    /** The wait after attempt {@code attempt} failed: the initial backoff doubled per earlier failure, capped. */
    Duration backoff(int attempt) {
        Duration wait = config.initialBackoff();
        for (int i = 1; i < attempt && wait.compareTo(config.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }

    @PreDestroy
    void stop() {
        database.shutdownNow();
        retries.shutdownNow();
    }
}
