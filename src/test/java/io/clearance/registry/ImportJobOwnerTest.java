package io.clearance.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.registry.io.ImportFormat;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Several instances share the import job table: a start fails this instance's interrupted jobs and those of
 * instances that stopped beating, never a live instance's running job; the heartbeat keeps this instance's
 * jobs alive and fails an abandoned one without waiting for a restart.
 */
@QuarkusTest
class ImportJobOwnerTest {

    @Inject
    ImportJobs jobs;

    @Inject
    ImportJobStore store;

    @Inject
    DataSource dataSource;

    @Test
    void aStartFailsOnlyJobsNoLiveInstanceRuns() throws Exception {
        ImportJob own = running();
        String live = otherJob("live-" + UUID.randomUUID(), 0);
        String dead = otherJob("dead-" + UUID.randomUUID(), 600);
        String unowned = otherJob(null, 0);

        jobs.onStart(null); // this instance starts again

        assertEquals("failed", store.find(own.id()).orElseThrow().status());
        assertEquals(
                ImportJobStore.INTERRUPTED, store.find(own.id()).orElseThrow().failure());
        assertEquals("running", store.find(live).orElseThrow().status(), "another live instance's job runs on");
        assertEquals("failed", store.find(dead).orElseThrow().status());
        assertEquals("failed", store.find(unowned).orElseThrow().status(), "a job from before owners were kept");
    }

    @Test
    void theHeartbeatKeepsOwnJobsAliveAndFailsAbandonedOnes() throws Exception {
        ImportJob own = running();
        backdate(own.id(), 600); // as if this instance had been silent: its own beat must bring it back
        String live = otherJob("live-" + UUID.randomUUID(), 0);
        String dead = otherJob("dead-" + UUID.randomUUID(), 600);

        jobs.heartbeat();

        assertEquals("running", store.find(own.id()).orElseThrow().status(), "a tick never fails this one's jobs");
        assertTrue(secondsSinceBeat(own.id()) < 60, "this instance's beat renewed its job");
        assertEquals("running", store.find(live).orElseThrow().status());
        assertEquals("failed", store.find(dead).orElseThrow().status());

        // The job runs on here and beats: the next start of another instance leaves it alone.
        jobs.heartbeat();
        assertEquals("running", store.find(own.id()).orElseThrow().status());
        own.failed("ended by the test");
        store.save(own);
    }

    private ImportJob running() {
        ImportJob job = new ImportJob(UUID.randomUUID().toString(), ImportFormat.GLEIF_LEI_JSON, "test", 100L);
        job.started();
        store.save(job);
        return job;
    }

    /** A running job of another instance (or of none: {@code null}) that last beat {@code silentFor} s ago. */
    private String otherJob(String owner, long silentFor) throws Exception {
        ImportJob job = running();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update =
                        connection.prepareStatement("update import_job set instance_id = ? where id = ?")) {
            update.setString(1, owner);
            update.setString(2, job.id());
            assertEquals(1, update.executeUpdate());
        }
        backdate(job.id(), silentFor);
        return job.id();
    }

    private void backdate(String id, long seconds) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update =
                        connection.prepareStatement("update import_job set heartbeat_at = ? where id = ?")) {
            update.setObject(1, databaseNow(connection).minusSeconds(seconds));
            update.setString(2, id);
            assertEquals(1, update.executeUpdate());
        }
    }

    private long secondsSinceBeat(String id) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("select heartbeat_at from import_job where id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                OffsetDateTime beat = row.getObject(1, OffsetDateTime.class);
                return databaseNow(connection).toEpochSecond() - beat.toEpochSecond();
            }
        }
    }

    private static OffsetDateTime databaseNow(Connection connection) throws Exception {
        try (PreparedStatement clock = connection.prepareStatement("select current_timestamp");
                ResultSet row = clock.executeQuery()) {
            row.next();
            return row.getObject(1, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC);
        }
    }
}
