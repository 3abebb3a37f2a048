package io.clearance.registry.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.registry.RegistryService;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL a committed registry change wakes every listening instance with its sequence number, and a
 * listener whose connection is killed connects again and says so (a wake-up to catch up with what it missed).
 * The listener's connection comes from the datasource's pool (as a credentials provider would have it) and a
 * killed one is destroyed, not lent to a writer.
 * Skipped on H2, which has no {@code NOTIFY}; the poll serves there.
 */
@QuarkusTest
class OutboxListenerTest {

    private static final long A_WHILE = 30;

    @Inject
    RegistryOutbox outbox;

    @Inject
    RegistryService registry;

    @Inject
    DataSource dataSource;

    private long write() {
        String id = "listened-" + UUID.randomUUID().toString().substring(0, 8);
        registry.putParty(new PartyInfo(id, "Company " + id, PartyKind.COMPANY, "DE", null));
        return registry.storedVersion();
    }

    @Test
    void aCommittedChangeIsAnnouncedAndALostConnectionIsMadeGood() throws Exception {
        assumeTrue(outbox.notifies(), "NOTIFY is PostgreSQL's");
        BlockingQueue<Long> announced = new LinkedBlockingQueue<>();
        OutboxListener listener = new OutboxListener(outbox, Duration.ofMillis(200), announced::add);
        listener.start();
        try {
            assertEquals(-1L, announced.poll(A_WHILE, TimeUnit.SECONDS), "connected: a wake-up to catch up");
            long seq = write();
            assertEquals(seq, nextAtLeast(announced, seq));

            // Kill every listening session but the test's own; the listener comes back and wakes the follower.
            try (Connection admin = dataSource.getConnection();
                    Statement statement = admin.createStatement();
                    ResultSet killed = statement.executeQuery("select pg_terminate_backend(pid) from pg_stat_activity"
                            + " where query like 'LISTEN%' and pid <> pg_backend_pid()")) {
                assertTrue(killed.next(), "a listening session was there to kill");
            }
            assertEquals(-1L, nextAtLeast(announced, -1), "reconnected: a wake-up to catch up");
            // The killed session came from the pool and was destroyed, not lent on: writes, on pooled
            // connections, all go through.
            long after = -1;
            for (int i = 0; i < 5; i++) {
                after = write();
            }
            assertEquals(after, nextAtLeast(announced, after));
        } finally {
            listener.stop();
        }
    }

    // The next announcement that is `wanted` or, for -1, a reconnect; other instances' may come between.
    private static long nextAtLeast(BlockingQueue<Long> announced, long wanted) throws InterruptedException {
        while (true) {
            Long next = announced.poll(A_WHILE, TimeUnit.SECONDS);
            if (next == null || next == wanted || (wanted >= 0 && next > wanted)) {
                return next == null ? Long.MIN_VALUE : next;
            }
        }
    }
}
