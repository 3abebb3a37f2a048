package io.clearance.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.registry.io.ImportFormat;
import io.clearance.registry.outbox.InstanceId;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The import jobs as the {@code import_job} table keeps them (V80), each written as {@code GET
 * /v1/registry/imports/{id}} shows it whenever it changes status, so that the answer survives a restart. Plain JDBC in
 * autocommit, on a connection of its own: a job's row is never part of the import's own transaction, which
 * may roll back.
 *
 * <p>Each row names the instance that runs the job ({@code instance_id}, V85), which beats on it while it is
 * queued or running ({@code heartbeat_at}, database time, so that no two instances' clocks are compared).
 */
@ApplicationScoped
public class ImportJobStore {

    static final String INTERRUPTED =
            "interrupted by a stop of the server that ran it: its transaction was rolled back, nothing of it was"
                    + " imported";

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final InstanceId instance;

    ImportJobStore(DataSource dataSource, ObjectMapper json, InstanceId instance) {
        this.dataSource = dataSource;
        this.json = json;
        this.instance = instance;
    }

    /** Writes the job as it is now, inserting its row the first time. */
    void save(ImportJob job) {
        ImportJob.View view = job.view();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            int updated;
            try (PreparedStatement update = connection.prepareStatement("update import_job set status = ?,"
                    + " started_at = ?, finished_at = ?, records_per_second = ?, registry_version = ?, failure = ?,"
                    + " report_json = ?, bytes_read = ? where id = ?")) {
                update.setString(1, view.status());
                instant(update, 2, view.startedAt());
                instant(update, 3, view.finishedAt());
                update.setObject(4, view.recordsPerSecond(), Types.DOUBLE);
                update.setObject(5, view.registryVersion(), Types.BIGINT);
                update.setString(6, view.failure());
                update.setString(7, json.writeValueAsString(view.report()));
                update.setObject(8, view.bytesRead(), Types.BIGINT);
                update.setString(9, view.id());
                updated = update.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement insert = connection.prepareStatement("insert into import_job (id, format,"
                        + " status, submitted_by, submitted_at, bytes, report_json, instance_id, heartbeat_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, current_timestamp)")) {
                    insert.setString(1, view.id());
                    insert.setString(2, view.format());
                    insert.setString(3, view.status());
                    insert.setString(4, view.submittedBy());
                    instant(insert, 5, view.submittedAt());
                    insert.setObject(6, view.bytes(), Types.BIGINT);
                    insert.setString(7, json.writeValueAsString(view.report()));
                    insert.setString(8, instance.id());
                    insert.executeUpdate();
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("could not record import job " + view.id() + ": " + e.getMessage(), e);
        }
    }

    /** The job as last written. */
    Optional<ImportJob.View> find(String id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select id, format, status, submitted_by,"
                        + " submitted_at, started_at, finished_at, bytes, records_per_second, registry_version,"
                        + " failure, report_json, bytes_read from import_job where id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String format = row.getString(2);
                String status = row.getString(3);
                Long bytes = (Long) row.getObject(8, Long.class);
                Long bytesRead = (Long) row.getObject(13, Long.class);
                boolean ended = status.equals("succeeded") || status.equals("failed");
                return Optional.of(new ImportJob.View(
                        row.getString(1),
                        format,
                        ImportFormat.ofWireName(format)
                                .map(ImportFormat::source)
                                .orElse(null),
                        status,
                        row.getString(4),
                        instant(row, 5),
                        instant(row, 6),
                        instant(row, 7),
                        bytes,
                        bytesRead,
                        bytes,
                        ImportJob.percent(bytesRead, bytes),
                        // Another instance's running job is seen as last stored: no ETA from that.
                        ended && bytes != null ? Long.valueOf(0) : null,
                        (Double) row.getObject(9, Double.class),
                        (Long) row.getObject(10, Long.class),
                        row.getString(11),
                        json.readValue(row.getString(12), ImportReport.Snapshot.class)));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("could not read import job " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * Marks failed, at start and before this instance runs any job, the jobs left queued or running by a
     * server that stopped: this instance's own (it is starting, so none of them runs), those of an instance
     * that has not beaten for {@code staleAfter}, and those from before jobs named their instance. Another
     * live instance's jobs are left running. The transactions of the stopped ones ended with their process,
     * rolled back.
     *
     * @return how many were marked
     */
    int failInterrupted(Duration staleAfter) {
        return fail(
                " and (instance_id = ? or instance_id is null or heartbeat_at is null or heartbeat_at < ?)",
                staleAfter);
    }

    /**
     * Marks failed the queued or running jobs of other instances that have not beaten for {@code staleAfter}:
     * they stopped, and no restart of theirs may come to do it. A live instance whose beats were held up (its
     * database unreachable that long) writes its job's true end over this when the job ends.
     *
     * @return how many were marked
     */
    int failAbandoned(Duration staleAfter) {
        return fail(" and instance_id <> ? and heartbeat_at < ?", staleAfter);
    }

    /** Says that this instance still runs its queued and running jobs. */
    void beat() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("update import_job set heartbeat_at ="
                        + " current_timestamp where instance_id = ? and status in ('queued', 'running')")) {
            connection.setAutoCommit(true);
            update.setString(1, instance.id());
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not beat on this instance's import jobs: " + e.getMessage(), e);
        }
    }

    private int fail(String condition, Duration staleAfter) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            OffsetDateTime now;
            // The database's clock, the one heartbeat_at is written by.
            try (PreparedStatement clock = connection.prepareStatement("select current_timestamp");
                    ResultSet row = clock.executeQuery()) {
                row.next();
                now = row.getObject(1, OffsetDateTime.class);
            }
            try (PreparedStatement update = connection.prepareStatement("update import_job set status = 'failed',"
                    + " finished_at = ?, failure = ? where status in ('queued', 'running')" + condition)) {
                instant(update, 1, Instant.now());
                update.setString(2, INTERRUPTED);
                update.setString(3, instance.id());
                update.setObject(4, now.minus(staleAfter));
                return update.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not mark interrupted import jobs: " + e.getMessage(), e);
        }
    }

    private static void instant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, value.atOffset(ZoneOffset.UTC));
        }
    }

    private static Instant instant(ResultSet row, int index) throws SQLException {
        OffsetDateTime value = row.getObject(index, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
