package io.clearance.watch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.clearance.decision.Outcome;
import io.clearance.registry.outbox.InstanceId;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A claimed delivery outlives the instance that claimed it: its row in {@code watch_delivery_claim} keeps the
 * body, and a pending row whose lease ran out is taken over and sent by this instance (the test's server, whose
 * sweep runs every {@code lease-renewal}), once, with the same id and a signature the receiver checks; a live
 * lease and an ended delivery are left alone; a restarted instance takes up its own pending rows. Other
 * instances are rows written under their ids, or senders with claims of their ids, on the test's database.
 */
@QuarkusTest
class PendingDeliveriesTest {

    private static final String SECRET = "pending-deliveries-secret";

    @Inject
    DataSource dataSource;

    @Inject
    WatchConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    InstanceId thisInstance;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    // While set, the receiver holds a request until `let` opens, then refuses it: an instance that dies meanwhile.
    private final AtomicBoolean holding = new AtomicBoolean();
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch let = new CountDownLatch(1);
    // Every request waits for it to open before it is answered.
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private Watch watch;

    private record Received(String headerId, String signature, byte[] body) {}

    @BeforeEach
    void aReceiverAndAStoredWatch() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(16));
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (holding.getAndSet(false)) {
                held.countDown();
                try {
                    let.await(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(503, -1);
            } else {
                try {
                    gate.await(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                received.add(new Received(
                        exchange.getRequestHeaders().getFirst(WebhookSender.EVENT_ID_HEADER),
                        exchange.getRequestHeaders().getFirst(WebhookSender.SIGNATURE_HEADER),
                        body));
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        receiver.start();
        watch = new Watch(
                UUID.randomUUID().toString(),
                WatchScope.PARTIES,
                Set.of("nobody-writes-this-party"),
                null,
                Set.of(),
                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                SECRET,
                Instant.now(),
                "test");
        QuarkusTransaction.requiringNew().run(() -> watch.toEntity().persist());
    }

    @AfterEach
    void stop() throws Exception {
        let.countDown();
        gate.countDown();
        receiver.stop(0);
        QuarkusTransaction.requiringNew().run(() -> WatchEntity.deleteById(watch.id()));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete =
                        connection.prepareStatement("delete from watch_delivery_claim where watch_id = ?")) {
            delete.setString(1, watch.id());
            delete.executeUpdate();
        }
    }

    @Test
    void aPendingDeliveryOfADeadInstanceIsSentHereOnceWithItsIdAndAValidSignature() throws Exception {
        double takenBefore = takenOver();
        String id = row(
                "dead-" + UUID.randomUUID(),
                DeliveryClaims.PENDING,
                Instant.now().minusSeconds(60));

        await().atMost(Duration.ofSeconds(30)).until(() -> DeliveryClaims.DELIVERED.equals(state(id)));

        assertEquals(1, received.size(), () -> "sent " + received.size() + " times");
        assertSigned(received.get(0), id, body(id));
        assertEquals(thisInstance.id(), holder(id), "taken over by this instance");
        assertTrue(takenOver() - takenBefore >= 1, "counted in clearance_webhook_taken_over_total");
    }

    @Test
    void aLiveLeaseIsNotTakenOverAndAnEndedDeliveryIsNotSentAgain() throws Exception {
        String alive = "alive-" + UUID.randomUUID();
        String leased = row(alive, DeliveryClaims.PENDING, Instant.now().plusSeconds(3600));
        String delivered = row(
                "dead-" + UUID.randomUUID(),
                DeliveryClaims.DELIVERED,
                Instant.now().minusSeconds(60));
        // Written after the two: the sweep that takes it has seen them.
        String expired = row(
                "dead-" + UUID.randomUUID(),
                DeliveryClaims.PENDING,
                Instant.now().minusSeconds(60));

        await().atMost(Duration.ofSeconds(30)).until(() -> DeliveryClaims.DELIVERED.equals(state(expired)));

        assertEquals(List.of(expired), received.stream().map(Received::headerId).toList());
        assertEquals(alive, holder(leased));
        assertEquals(DeliveryClaims.PENDING, state(leased));
        assertEquals(DeliveryClaims.DELIVERED, state(delivered));
    }

    @Test
    void aRestartedInstanceTakesUpItsOwnPendingDeliveries() throws Exception {
        String instanceId = "restarted-" + UUID.randomUUID();
        // Its lease is live: nobody else may take it, only the instance itself on its return.
        String id = row(instanceId, DeliveryClaims.PENDING, Instant.now().plusSeconds(3600));
        WebhookSender restarted = sender(instanceId);
        try {
            restarted.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> DeliveryClaims.DELIVERED.equals(state(id)));
        } finally {
            restarted.stop();
        }
        assertEquals(1, received.size(), () -> "sent " + received.size() + " times");
        assertSigned(received.get(0), id, body(id));
        assertEquals(instanceId, holder(id));
    }

    @Test
    void anEventClaimedByAnInstanceThatDiesBeforeItIsDeliveredIsSentByAnother() throws Exception {
        WatchEvent event = new WatchEvent(
                WatchEvent.DECISION_CHANGED,
                "nobody-writes-this-party",
                "api.access",
                Outcome.PERMIT,
                Outcome.DENY,
                "stake into nobody-writes-this-party (registry version 7)",
                List.of(),
                null,
                Instant.now());
        String id = EventId.of(watch.id(), event);
        WebhookSender doomed = sender("doomed-" + UUID.randomUUID());
        holding.set(true);
        doomed.send(watch, event);
        held.await(30, TimeUnit.SECONDS);
        doomed.stop(); // dies with its first attempt in flight: the answer finds no one to record it
        let.countDown();

        // Its lease is not renewed: once it runs out, this instance takes the row over.
        await().atMost(Duration.ofSeconds(60)).until(() -> DeliveryClaims.DELIVERED.equals(state(id)));
        assertEquals(1, received.size(), () -> "sent " + received.size() + " times");
        assertSigned(received.get(0), id, body(id));
        assertEquals(id, json.readTree(received.get(0).body()).path("id").asText());
        assertEquals(thisInstance.id(), holder(id));
    }

    @Test
    void eventsBeyondTheQueueWaitInTheDatabaseAndAreSentOnceThereIsRoom() throws Exception {
        List<String> letters = new CopyOnWriteArrayList<>();
        WebhookSender small = sender("small-queue-" + UUID.randomUUID(), queueOf(config, 2), letters);
        gate = new CountDownLatch(1);
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                WatchEvent event = new WatchEvent(
                        WatchEvent.DECISION_CHANGED,
                        "party-" + i,
                        "api.access",
                        Outcome.PERMIT,
                        Outcome.DENY,
                        "rule-set spill-test",
                        List.of(),
                        null,
                        Instant.now());
                ids.add(EventId.of(watch.id(), event));
                small.send(watch, event);
            }
            assertEquals(2, small.pending(), "two in memory, three beyond the queue");
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (String id : ids) {
                    if (state(id) == null) {
                        return false;
                    }
                }
                return true;
            });
            gate.countDown();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (String id : ids) {
                    if (!DeliveryClaims.DELIVERED.equals(state(id))) {
                        return false;
                    }
                }
                return true;
            });
        } finally {
            small.stop();
        }
        assertEquals(
                Set.copyOf(ids),
                Set.copyOf(received.stream().map(Received::headerId).toList()));
        assertEquals(5, received.size(), "each once");
        assertEquals(List.of(), letters, "nothing dropped");
    }

    // The test profile's settings, with a queue of `queue` events.
    private static WatchConfig queueOf(WatchConfig base, int queue) {
        WatchConfig.Webhook webhook = base.webhook();
        WatchConfig.Webhook small = new WatchConfig.Webhook() {
            public int attempts() {
                return webhook.attempts();
            }

            public Duration initialBackoff() {
                return webhook.initialBackoff();
            }

            public Duration maxBackoff() {
                return webhook.maxBackoff();
            }

            public int queue() {
                return queue;
            }

            public int concurrency() {
                return webhook.concurrency();
            }

            public Duration timeout() {
                return webhook.timeout();
            }

            public Duration claimWindow() {
                return webhook.claimWindow();
            }

            public Duration lease() {
                return webhook.lease();
            }

            public Duration leaseRenewal() {
                return webhook.leaseRenewal();
            }
        };
        return new WatchConfig() {
            public Webhook webhook() {
                return small;
            }

            public Duration forceCheck() {
                return base.forceCheck();
            }

            public int streamBuffer() {
                return base.streamBuffer();
            }

            public Duration refresh() {
                return base.refresh();
            }
        };
    }

    private WebhookSender sender(String instanceId) {
        return sender(instanceId, config, new CopyOnWriteArrayList<>());
    }

    private WebhookSender sender(String instanceId, WatchConfig config, List<String> letters) {
        InstanceId instance = new InstanceId();
        instance.name(instanceId);
        return new WebhookSender(
                json,
                config,
                (w, event, attempts, error) -> letters.add(event),
                new DeliveryClaims(dataSource, instance, config, dbKind, metrics),
                WatchEntity::stored);
    }

    private void assertSigned(Received got, String id, String stored) throws Exception {
        assertEquals(id, got.headerId());
        assertArrayEquals(stored.getBytes(StandardCharsets.UTF_8), got.body(), "the body as first claimed");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertEquals("sha256=" + HexFormat.of().formatHex(mac.doFinal(got.body())), got.signature());
    }

    // A claim row as another instance wrote it, with one attempt made; returns its event id.
    private String row(String instanceId, String state, Instant leaseUntil) throws Exception {
        String id = UUID.randomUUID().toString();
        String body = "{\"id\":\"" + id + "\",\"kind\":\"decision.changed\",\"partyId\":\"acme\",\"after\":\"DENY\"}";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into watch_delivery_claim"
                        + " (event_id, instance_id, claimed_at, watch_id, body, state, attempts, lease_until,"
                        + " claim_token) values (?, ?, ?, ?, ?, ?, 1, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, instanceId);
            insert.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
            insert.setString(4, watch.id());
            insert.setString(5, body);
            insert.setString(6, state);
            insert.setObject(7, OffsetDateTime.ofInstant(leaseUntil, ZoneOffset.UTC));
            insert.setString(8, UUID.randomUUID().toString());
            insert.executeUpdate();
        }
        return id;
    }

    private String state(String id) throws Exception {
        return column(id, "state");
    }

    private String holder(String id) throws Exception {
        return column(id, "instance_id");
    }

    private String body(String id) throws Exception {
        return column(id, "body");
    }

    private String column(String id, String column) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select " + column + " from watch_delivery_claim where event_id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private double takenOver() {
        return metrics.get("clearance.webhook.taken.over").counter().count();
    }
}
