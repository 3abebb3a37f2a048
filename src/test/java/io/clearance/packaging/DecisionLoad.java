package io.clearance.packaging;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded decision load on the instances of a cluster: a few threads per instance asking for decisions
 * one after another, each recording every decision id it was answered (from the answer's body, or from the
 * {@code Clearance-Decision-Id} header a refusal carries). An id recorded is a decision a client received: the
 * audit guarantee says it is logged, whatever happens to the instance afterwards.
 */
final class DecisionLoad implements AutoCloseable {

    private static final List<Map<String, Object>> REQUESTS = List.of(
            Map.of("subject", Map.of("partyId", "spree-analytics"), "action", "api.access"),
            Map.of("subject", Map.of("partyId", "harbor-ai"), "action", "api.access"),
            Map.of("subject", Map.of("partyId", "mei-chen"), "action", "commercial.partnership"),
            Map.of("subject", Map.of("partyId", "no-such-party"), "action", "api.access"));

    /** What one instance answered. */
    static final class Tally {
        final Set<String> ids = ConcurrentHashMap.newKeySet();
        final AtomicLong failures = new AtomicLong();
        final List<String> failureSamples = new ArrayList<>();

        void failed(String why) {
            failures.incrementAndGet();
            synchronized (failureSamples) {
                if (failureSamples.size() < 5) {
                    failureSamples.add(why);
                }
            }
        }

        @Override
        public String toString() {
            synchronized (failureSamples) {
                return ids.size() + " answered, " + failures.get() + " failed " + failureSamples;
            }
        }
    }

    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    DecisionLoad(List<ClusterNode> nodes, int threadsPerNode) {
        for (ClusterNode node : nodes) {
            Tally tally = new Tally();
            tallies.put(node.id(), tally);
            for (int t = 0; t < threadsPerNode; t++) {
                int offset = t;
                Thread thread = new Thread(() -> hammer(node, tally, offset), "load-" + node.id() + "-" + t);
                thread.setDaemon(true);
                threads.add(thread);
            }
        }
        threads.forEach(Thread::start);
    }

    Tally tally(String nodeId) {
        return tallies.get(nodeId);
    }

    private void hammer(ClusterNode node, Tally tally, int offset) {
        int n = offset;
        while (running.get()) {
            Map<String, Object> request = REQUESTS.get(n++ % REQUESTS.size());
            try {
                ClusterNode.Answer answer = node.decide(request);
                String id = answer.text("decisionId");
                if (id == null) {
                    id = answer.headers().firstValue("Clearance-Decision-Id").orElse(null);
                }
                if (id != null) {
                    tally.ids.add(id);
                }
                // A refused request with a problem is an answer too; a 5xx is a failure to serve.
                if (answer.status() >= 500) {
                    tally.failed(answer.status() + " " + answer.body());
                }
            } catch (IOException e) {
                tally.failed(e.toString());
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** After a refused connection (an instance down), a short pause rather than a busy loop. */
    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(40));
        }
    }
}
