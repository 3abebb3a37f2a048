package io.clearance.watch;

import io.clearance.decision.Action;
import io.clearance.registry.identity.PartyIdentifiers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The watches: created, listed, deleted (stored, so they survive a restart), and every {@link WatchEvent}
 * fired in the application delivered to the watches it concerns, by webhook and to server-sent-events
 * clients. Whoever fires the event (decision changes, reseller alerts), delivery is the same.
 */
@ApplicationScoped
public class WatchService {

    private static final Logger LOG = Logger.getLogger(WatchService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    private final PartyIdentifiers identifiers;
    private final EventStreams streams;
    private final WebhookSender webhooks;
    private final DecisionChanges changes;

    WatchService(PartyIdentifiers identifiers, EventStreams streams, WebhookSender webhooks, DecisionChanges changes) {
        this.identifiers = identifiers;
        this.streams = streams;
        this.webhooks = webhooks;
        this.changes = changes;
    }

    /** Loads the stored watches and starts computing decision changes; a start-up step, after the graph. */
    public void start() {
        QuarkusTransaction.requiringNew()
                .run(() -> WatchEntity.<WatchEntity>streamAll().forEach(row -> watches.put(row.id, Watch.of(row))));
        changes.start(all());
        LOG.infof("%d watch(es) loaded", watches.size());
    }

    /**
     * Creates a watch with a fresh secret (returned here, never again).
     *
     * @param actions empty for every action
     */
    public Watch create(
            WatchScope scope,
            Set<String> partyIds,
            String scheme,
            Set<Action> actions,
            String webhookUrl,
            String createdBy) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        Watch watch = new Watch(
                UUID.randomUUID().toString(),
                scope,
                partyIds,
                scheme,
                actions,
                webhookUrl,
                HexFormat.of().formatHex(key),
                Instant.now(),
                createdBy);
        QuarkusTransaction.requiringNew().run(() -> watch.toEntity().persist());
        watches.put(watch.id(), watch);
        changes.watchesChanged(all());
        return watch;
    }

    /** Every watch, oldest first. */
    public List<Watch> all() {
        return watches.values().stream()
                .sorted(Comparator.comparing(Watch::createdAt).thenComparing(Watch::id))
                .toList();
    }

    public Optional<Watch> get(String id) {
        return Optional.ofNullable(watches.get(id));
    }

    /** Deletes a watch with its dead letters and ends its streams; false when there is none. */
    public boolean delete(String id) {
        boolean stored = QuarkusTransaction.requiringNew().call(() -> {
            DeadLetterEntity.delete("watchId", id);
            return WatchEntity.deleteById(id);
        });
        Watch removed = watches.remove(id);
        streams.close(id);
        changes.watchesChanged(all());
        return stored || removed != null;
    }

    /** The events a watch's webhook did not take, oldest first. */
    public List<DeadLetterEntity> deadLetters(String id) {
        return QuarkusTransaction.requiringNew()
                .call(() -> DeadLetterEntity.<DeadLetterEntity>list("watchId = ?1 order by failedAt, id", id));
    }

    /** Delivers an event to every watch it concerns. Quick: webhooks are sent on their own thread. */
    void deliver(@Observes WatchEvent event) {
        for (Watch watch : watches.values()) {
            if (concerns(watch, event)) {
                streams.publish(watch.id(), event);
                if (watch.webhookUrl() != null) {
                    webhooks.send(watch, event);
                }
            }
        }
    }

    private boolean concerns(Watch watch, WatchEvent event) {
        return watch.followsAction(event.action())
                && (event.partyId() == null || covers(watch, event.partyId(), identifiers));
    }

    /** True when {@code watch} follows {@code partyId}. */
    static boolean covers(Watch watch, String partyId, PartyIdentifiers identifiers) {
        return switch (watch.scope()) {
            case ALL -> true;
            case PARTIES -> watch.partyIds().contains(partyId);
            case SCHEME -> identifiers.carriesScheme(partyId, watch.scheme());
        };
    }
}
