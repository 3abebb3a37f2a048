package io.clearance.watch;

import io.clearance.decision.Action;
import io.clearance.registry.identity.PartyIdentifiers;
import io.clearance.registry.outbox.Notices;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.PreDestroy;
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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The watches: created, listed, deleted (stored, so they survive a restart), and every {@link WatchEvent}
 * fired in the application delivered to the watches it concerns, by webhook and to server-sent-events
 * clients. Whoever fires the event (decision changes, reseller alerts), delivery is the same.
 *
 * <p>Several instances on one database share the stored watches: a watch created or deleted on one is
 * announced ({@code NOTIFY} on {@link #CHANNEL}, PostgreSQL) and every other instance reads the list again.
 * A notice can be lost (the listening connection was down when it was sent), so every instance also reads the
 * list again every {@code clearance.watches.refresh}: the table is small, and a stale list heals by itself.
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
    private final Notices notices;
    // Reads the list again off the listener's thread, which must go back to listening; one read queued at most.
    private final ExecutorService rereads = new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(1),
            runnable -> {
                Thread thread = new Thread(runnable, "clearance-watch-list");
                thread.setDaemon(true);
                return thread;
            },
            new ThreadPoolExecutor.DiscardPolicy());
    // Queues a read every `refresh`, for the notices that never came.
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "clearance-watch-refresh");
        thread.setDaemon(true);
        return thread;
    });
    private final java.time.Duration refresh;
    private volatile boolean started;

    /** The {@code NOTIFY} channel of watches created or deleted; a notice carries nothing, the table is read. */
    public static final String CHANNEL = "clearance_watches";

    WatchService(
            PartyIdentifiers identifiers,
            EventStreams streams,
            WebhookSender webhooks,
            DecisionChanges changes,
            Notices notices,
            WatchConfig config) {
        this.refresh = config.refresh();
        this.identifiers = identifiers;
        this.streams = streams;
        this.webhooks = webhooks;
        this.changes = changes;
        this.notices = notices;
        notices.subscribe(CHANNEL, () -> rereads.execute(this::reread));
    }

    /** Loads the stored watches and starts computing decision changes; a start-up step, after the graph. */
    public void start() {
        QuarkusTransaction.requiringNew()
                .run(() -> WatchEntity.<WatchEntity>streamAll().forEach(row -> watches.put(row.id, Watch.of(row))));
        changes.start(all());
        webhooks.start();
        started = true;
        long period = Math.max(1, refresh.toMillis());
        refresher.scheduleWithFixedDelay(() -> rereads.execute(this::reread), period, period, TimeUnit.MILLISECONDS);
        LOG.infof("%d watch(es) loaded", watches.size());
    }

    /**
     * Reads the stored watches again: another instance created or deleted one. Synchronized with {@link #create}
     * and {@link #delete}, so that a read that began before this instance stored a watch does not drop it.
     */
    synchronized void reread() {
        if (!started) {
            return; // the start reads them
        }
        try {
            Map<String, Watch> stored = new java.util.HashMap<>();
            QuarkusTransaction.requiringNew()
                    .run(() -> WatchEntity.<WatchEntity>streamAll().forEach(row -> stored.put(row.id, Watch.of(row))));
            boolean changed = watches.keySet().retainAll(stored.keySet());
            for (String id : List.copyOf(streams.ids())) {
                if (!stored.containsKey(id)) {
                    streams.close(id);
                }
            }
            for (Map.Entry<String, Watch> row : stored.entrySet()) {
                changed |= watches.putIfAbsent(row.getKey(), row.getValue()) == null;
            }
            if (changed) {
                changes.watchesChanged(all());
                LOG.infof("watches changed on another instance: %d watch(es) now", watches.size());
            }
        } catch (RuntimeException e) {
            LOG.warnf("could not read the watches again (%s); the next notice or refresh does", e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        refresher.shutdownNow();
        rereads.shutdownNow();
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
        synchronized (this) {
            QuarkusTransaction.requiringNew().run(() -> watch.toEntity().persist());
            watches.put(watch.id(), watch);
            changes.watchesChanged(all());
        }
        notices.announce(CHANNEL);
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
        boolean stored;
        Watch removed;
        synchronized (this) {
            stored = QuarkusTransaction.requiringNew().call(() -> {
                DeadLetterEntity.delete("watchId", id);
                return WatchEntity.deleteById(id);
            });
            removed = watches.remove(id);
            streams.close(id);
            changes.watchesChanged(all());
        }
        notices.announce(CHANNEL);
        return stored || removed != null;
    }

    /**
     * The events of a watch for one server-sent-events client (see {@link EventStreams#subscribe(String,
     * String)}); fails with {@link EventStreams.WatchDeleted} if the watch is deleted, even when that happened
     * between the request finding the watch and this call.
     */
    public Multi<EventStreams.Sent> events(String watchId, String lastEventId) {
        Multi<EventStreams.Sent> events = streams.subscribe(watchId, lastEventId);
        // invariant: subscribe has made the stream, and delete removes the watch before it closes the stream; so
        // a watch gone now had or will have this stream closed, and one found now has it closed when deleted.
        if (!watches.containsKey(watchId)) {
            streams.close(watchId);
        }
        return events;
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
