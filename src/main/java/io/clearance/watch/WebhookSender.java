package io.clearance.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
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
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Delivers watch events to webhooks: the event's JSON POSTed with {@code Clearance-Signature:
 * sha256=<hex HMAC-SHA256 of the body under the watch's secret>}, so the receiver can tell it came from
 * this server and was not altered. A receiver that does not answer 2xx is tried again after a wait that
 * doubles each time (bounded); after the last attempt the event is kept as a dead letter of the watch.
 */
@ApplicationScoped
public class WebhookSender {

    public static final String SIGNATURE_HEADER = "Clearance-Signature";
    public static final String EVENT_ID_HEADER = "Clearance-Event-Id";
    public static final String WATCH_ID_HEADER = "Clearance-Watch-Id";

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);

    private final ObjectMapper json;
    private final WatchConfig.Webhook config;
    private final HttpClient client;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "clearance-webhooks");
        thread.setDaemon(true);
        return thread;
    });

    WebhookSender(ObjectMapper json, WatchConfig config) {
        this.json = json;
        this.config = config.webhook();
        this.client = HttpClient.newBuilder()
                .connectTimeout(this.config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Sends {@code event} to the watch's webhook, now and on failure again later; never blocks the caller. */
    void send(Watch watch, WatchEvent event) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            LOG.errorf("watch event for %s could not be written: %s", watch.id(), e.getMessage());
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(watch.webhookUrl()))
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header(SIGNATURE_HEADER, "sha256=" + sign(watch.secret(), body))
                .header(EVENT_ID_HEADER, UUID.randomUUID().toString())
                .header(WATCH_ID_HEADER, watch.id())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        retries.execute(() -> attempt(watch, request, body, 1));
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

    private void attempt(Watch watch, HttpRequest request, byte[] body, int attempt) {
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure == null && response.statusCode() / 100 == 2) {
                return;
            }
            String error = failure != null
                    ? failure.getClass().getSimpleName() + ": " + failure.getMessage()
                    : "HTTP " + response.statusCode();
            if (attempt >= config.attempts()) {
                deadLetter(watch, body, attempt, error);
                return;
            }
            long wait = backoff(attempt).toMillis();
            retries.schedule(() -> attempt(watch, request, body, attempt + 1), wait, TimeUnit.MILLISECONDS);
        });
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
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (WatchEntity.findById(watch.id()) == null) {
                    return; // the watch was deleted meanwhile: nobody will read its dead letters
                }
                DeadLetterEntity letter = new DeadLetterEntity();
                letter.id = UUID.randomUUID().toString();
                letter.watchId = watch.id();
                letter.event = new String(body, StandardCharsets.UTF_8);
                letter.attempts = attempts;
                letter.lastError = error.length() > 1000 ? error.substring(0, 1000) : error;
                letter.failedAt = Instant.now();
                letter.persist();
            });
        } catch (RuntimeException e) {
            LOG.errorf("watch %s: a dead letter could not be stored: %s", watch.id(), e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        retries.shutdownNow();
    }
}
