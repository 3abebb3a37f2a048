package io.clearance.watch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clearance.registry.outbox.Notices;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, watches on several instances: a watch another instance creates (its row written to the shared
 * table, then announced as {@link WatchService#create} announces it) is known here without a restart, and one
 * it deletes is gone here too (skipped on H2, which has no {@code NOTIFY}); and one whose notice never came is
 * known here after the next periodic read ({@code clearance.watches.refresh}, short in the test profile).
 */
@QuarkusTest
class WatchesAcrossInstancesTest {

    @Inject
    WatchService watches;

    @Inject
    Notices notices;

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    @Test
    void aWatchCreatedOrDeletedOnAnotherInstanceIsKnownHere() {
        assumeTrue(dbKind.startsWith("postgres"), "NOTIFY is PostgreSQL's");
        Watch elsewhere = new Watch(
                UUID.randomUUID().toString(),
                WatchScope.PARTIES,
                Set.of("dragon-holdings"),
                null,
                Set.of(),
                null,
                "00".repeat(32),
                Instant.now(),
                "admin-on-instance-b");
        assertTrue(watches.get(elsewhere.id()).isEmpty());

        QuarkusTransaction.requiringNew().run(() -> elsewhere.toEntity().persist());
        notices.announce(WatchService.CHANNEL);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> watches.get(elsewhere.id()).isPresent());

        QuarkusTransaction.requiringNew().run(() -> WatchEntity.deleteById(elsewhere.id()));
        notices.announce(WatchService.CHANNEL);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> watches.get(elsewhere.id()).isEmpty());
    }

    @Test
    void aWatchWrittenWithNoNoticeIsKnownAfterTheNextRefresh() {
        Watch unannounced = new Watch(
                UUID.randomUUID().toString(),
                WatchScope.PARTIES,
                Set.of("dragon-holdings"),
                null,
                Set.of(),
                null,
                "00".repeat(32),
                Instant.now(),
                "admin-whose-notice-was-lost");
        assertTrue(watches.get(unannounced.id()).isEmpty());

        // Written as another instance writes it, and no NOTIFY: as if the listening connection was down.
        QuarkusTransaction.requiringNew().run(() -> unannounced.toEntity().persist());
        await().atMost(Duration.ofSeconds(60))
                .until(() -> watches.get(unannounced.id()).isPresent());

        QuarkusTransaction.requiringNew().run(() -> WatchEntity.deleteById(unannounced.id()));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> watches.get(unannounced.id()).isEmpty());
    }
}
