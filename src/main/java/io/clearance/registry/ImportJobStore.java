package io.clearance.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.registry.io.ImportFormat;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The import jobs as the {@code import_job} table keeps them (V80), each written as {@code GET
 * /v1/imports/{id}} shows it whenever it changes status, so that the answer survives a restart. Plain JDBC in
 * autocommit, on a connection of its own: a job's row is never part of the import's own transaction, which
 * may roll back.
 */
@ApplicationScoped
public class ImportJobStore {

    static final String INTERRUPTED =
            "interrupted by a restart of the server: its transaction was rolled back," + " nothing of it was imported";

    private final DataSource dataSource;
    private final ObjectMapper json;

    ImportJobStore(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Writes the job as it is now, inserting its row the first time. */
    void save(ImportJob job) {
        ImportJob.View view = job.view();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            int updated;
            try (PreparedStatement update = connection.prepareStatement("update import_job set status = ?,"
                    + " started_at = ?, finished_at = ?, records_per_second = ?, registry_version = ?, failure = ?,"
                    + " report_json = ? where id = ?")) {
                update.setString(1, view.status());
                instant(update, 2, view.startedAt());
                instant(update, 3, view.finishedAt());
                update.setObject(4, view.recordsPerSecond(), Types.DOUBLE);
                update.setObject(5, view.registryVersion(), Types.BIGINT);
                update.setString(6, view.failure());
                update.setString(7, json.writeValueAsString(view.report()));
                update.setString(8, view.id());
                updated = update.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement insert = connection.prepareStatement("insert into import_job (id, format,"
                        + " status, submitted_by, submitted_at, bytes, report_json) values (?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, view.id());
                    insert.setString(2, view.format());
                    insert.setString(3, view.status());
                    insert.setString(4, view.submittedBy());
                    instant(insert, 5, view.submittedAt());
                    insert.setObject(6, view.bytes(), Types.BIGINT);
                    insert.setString(7, json.writeValueAsString(view.report()));
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
                        + " failure, report_json from import_job where id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String format = row.getString(2);
                return Optional.of(new ImportJob.View(
                        row.getString(1),
                        format,
                        ImportFormat.ofWireName(format)
                                .map(ImportFormat::source)
                                .orElse(null),
                        row.getString(3),
                        row.getString(4),
                        instant(row, 5),
                        instant(row, 6),
                        instant(row, 7),
                        (Long) row.getObject(8, Long.class),
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
     * Marks failed every job left queued or running by a server that stopped: at start, before this server
     * runs any. Their transactions ended with the process that held them, rolled back.
     *
     * @return how many were marked
     */
    int failInterrupted() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("update import_job set status = 'failed',"
                        + " finished_at = ?, failure = ? where status in ('queued', 'running')")) {
            connection.setAutoCommit(true);
            instant(update, 1, Instant.now());
            update.setString(2, INTERRUPTED);
            return update.executeUpdate();
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
