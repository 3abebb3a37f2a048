package io.clearance.watch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.clearance.decision.Outcome;
import io.clearance.registry.outbox.InstanceId;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one database compute the same decision change: the claim in the shared table lets one of
 * them send it, and the receiver gets it once, under the id both computed. An alert is raised by one instance
 * and sent by it (its claim, which no other instance makes, only keeps it durable); a change that happens again on the instance that sent it is sent again. Two senders
 * with claims of two instance ids stand for two instances (on the test's database, H2 or PostgreSQL).
 */
@QuarkusTest
class DeliveryClaimsTest {

    @Inject
    DataSource dataSource;

    @Inject
    WatchConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private WebhookSender onA;
    private WebhookSender onB;
    private Watch watch;

    private record Received(String headerId, JsonNode body) {}

    @BeforeEach
    void twoInstancesAndAReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new Received(
                    exchange.getRequestHeaders().getFirst(WebhookSender.EVENT_ID_HEADER),
                    json.readTree(exchange.getRequestBody().readAllBytes())));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        onA = sender("claims-test-a-" + UUID.randomUUID());
        onB = sender("claims-test-b-" + UUID.randomUUID());
        watch = new Watch(
                UUID.randomUUID().toString(),
                WatchScope.ALL,
                Set.of(),
                null,
                Set.of(),
                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                "secret",
                Instant.now(),
                "test");
    }

    private WebhookSender sender(String instanceId) {
        InstanceId instance = new InstanceId();
        instance.name(instanceId);
        return new WebhookSender(
                json,
                config,
                (w, event, attempts, error) -> {},
                new DeliveryClaims(dataSource, instance, config, dbKind, metrics),
                watchId -> Optional.empty());
    }

    @AfterEach
    void stop() {
        onA.stop();
        onB.stop();
        receiver.stop(0);
    }

    private void bothSent() {
        await().atMost(Duration.ofSeconds(30)).until(() -> onA.pending() == 0 && onB.pending() == 0);
    }

    private static WatchEvent change(String cause) {
        return new WatchEvent(
                WatchEvent.DECISION_CHANGED,
                "acme",
                "api.access",
                Outcome.PERMIT,
                Outcome.DENY,
                cause,
                List.of(),
                null,
                Instant.now());
    }

    @Test
    void aDecisionChangeComputedOnTwoInstancesIsSentOnceUnderTheIdBothComputed() {
        WatchEvent computedOnA = change("stake into acme (registry version 7)");
        WatchEvent computedOnB = new WatchEvent(
                computedOnA.kind(),
                computedOnA.partyId(),
                computedOnA.action(),
                computedOnA.before(),
                computedOnA.after(),
                computedOnA.cause(),
                List.of(),
                null,
                computedOnA.at().plusMillis(250));
        onA.send(watch, computedOnA);
        onB.send(watch, computedOnB);
        bothSent();

        assertEquals(1, received.size(), () -> "sent " + received.size() + " times: " + received);
        String id = EventId.of(watch.id(), computedOnA);
        assertEquals(id, received.get(0).headerId());
        assertEquals(id, received.get(0).body().path("id").asText());
        assertEquals("acme", received.get(0).body().path("partyId").asText(), "the event itself is the body");
    }

    @Test
    void theSameChangeAgainOnTheInstanceThatSentItIsSentAgainButNotByAnother() {
        // A rule set activated, rolled back and activated again: the same flip with the same cause, twice.
        WatchEvent flip = change("rule-set 3f2a");
        onA.send(watch, flip);
        bothSent();
        onB.send(watch, flip);
        bothSent();
        assertEquals(1, received.size(), "b leaves what a claimed: " + received);
        onA.send(watch, flip);
        bothSent();
        assertEquals(2, received.size(), "a's own claim again is a repeat: " + received);
    }

    @Test
    void anAlertIsSentByTheInstanceThatRaisedIt() {
        WatchEvent alert = new WatchEvent(
                WatchEvent.RESELLER_ALERT,
                "reseller-1",
                null,
                null,
                null,
                "oversight threshold",
                List.of(),
                "3 held back",
                Instant.now());
        onA.send(watch, alert);
        onB.send(watch, change("party acme (registry version 9)"));
        bothSent();
        assertEquals(2, received.size(), () -> String.valueOf(received));
        assertEquals(
                Set.of(
                        EventId.of(watch.id(), alert),
                        EventId.of(watch.id(), change("party acme (registry version 9)"))),
                Set.of(received.get(0).headerId(), received.get(1).headerId()));
    }
}
