package io.clearance.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.clearance.decision.Outcome;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Under a storm of events the webhook sender holds a bounded number of them and sends a bounded number at
 * once: past its queue it drops events and says so in one dead letter per watch, with the count.
 */
class WebhookSenderTest {

    private HttpServer receiver;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private static WatchConfig config(int queue, int concurrency) {
        WatchConfig.Webhook webhook = new WatchConfig.Webhook() {
            @Override
            public int attempts() {
                return 1;
            }

            @Override
            public Duration initialBackoff() {
                return Duration.ofMillis(1);
            }

            @Override
            public Duration maxBackoff() {
                return Duration.ofMillis(1);
            }

            @Override
            public int queue() {
                return queue;
            }

            @Override
            public int concurrency() {
                return concurrency;
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(30);
            }

            @Override
            public Duration claimWindow() {
                return Duration.ofMinutes(10);
            }

            @Override
            public Duration lease() {
                return Duration.ofMinutes(1);
            }

            @Override
            public Duration leaseRenewal() {
                return Duration.ofSeconds(15);
            }
        };
        return new WatchConfig() {
            @Override
            public Webhook webhook() {
                return webhook;
            }

            @Override
            public Duration forceCheck() {
                return Duration.ofSeconds(10);
            }

            @Override
            public int streamBuffer() {
                return 16;
            }

            @Override
            public Duration refresh() {
                return Duration.ofSeconds(30);
            }
        };
    }

    private static WatchEvent event(int i) {
        return new WatchEvent(
                WatchEvent.DECISION_CHANGED,
                "p-" + i,
                "api.access",
                Outcome.PERMIT,
                Outcome.DENY,
                "test",
                List.of(),
                null,
                Instant.EPOCH);
    }

    private record Letter(String watchId, String event, String error) {}

    @Test
    void pastItsQueueTheSenderDropsEventsAndSaysHowManyInOneDeadLetter() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger received = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.createContext("/hook", exchange -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                release.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            received.incrementAndGet();
            inFlight.decrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        List<Letter> letters = new CopyOnWriteArrayList<>();
        WebhookSender sender = new WebhookSender(
                new ObjectMapper().findAndRegisterModules(),
                config(3, 2),
                (watch, event, attempts, error) -> letters.add(new Letter(watch.id(), event, error)));
        Watch watch = new Watch(
                "w1",
                WatchScope.ALL,
                Set.of(),
                null,
                Set.of(),
                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                "secret",
                Instant.EPOCH,
                "test");

        for (int i = 0; i < 10; i++) {
            sender.send(watch, event(i));
        }
        assertEquals(3, sender.pending(), "three held, seven dropped");
        release.countDown();
        for (int waited = 0; sender.pending() > 0 && waited < 600; waited++) {
            Thread.sleep(100);
        }
        sender.stop();

        assertEquals(0, sender.pending());
        assertEquals(3, received.get(), "only what was held was sent");
        assertTrue(mostInFlight.get() <= 2, "at most two requests at once, not " + mostInFlight.get());
        assertEquals(1, letters.size(), () -> String.valueOf(letters));
        assertTrue(
                letters.get(0).event().contains("\"dropped\": 7"),
                letters.get(0).event());
        assertTrue(
                letters.get(0).error().startsWith("7 event(s) dropped"),
                letters.get(0).error());
    }
}
