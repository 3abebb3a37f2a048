package io.clearance.registry;

import io.clearance.registry.io.ImportFormat;
import java.time.Duration;
import java.time.Instant;

/**
 * One import of a registry file into the running registry: queued, running (reading and writing in one
 * transaction), then succeeded (committed, and the graph switched to it) or failed (rolled back: nothing
 * changed, the report says why, by line). Read from any thread while the job runs.
 */
public final class ImportJob {

    /** Where a job is. */
    public enum Status {
        QUEUED,
        RUNNING,
        SUCCEEDED,
        FAILED
    }

    /** The job as {@code GET /v1/imports/{id}} shows it. */
    public record View(
            String id,
            String format,
            String source,
            String status,
            String submittedBy,
            Instant submittedAt,
            Instant startedAt,
            Instant finishedAt,
            Long bytes,
            Double recordsPerSecond,
            Long registryVersion,
            String failure,
            ImportReport.Snapshot report) {}

    private final String id;
    private final ImportFormat format;
    private final String submittedBy;
    private final Instant submittedAt = Instant.now();
    private final long bytes;
    private final ImportReport report = new ImportReport();
    private volatile Status status = Status.QUEUED;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile Long registryVersion;
    private volatile String failure;

    ImportJob(String id, ImportFormat format, String submittedBy, long bytes) {
        this.id = id;
        this.format = format;
        this.submittedBy = submittedBy;
        this.bytes = bytes;
    }

    public String id() {
        return id;
    }

    public ImportFormat format() {
        return format;
    }

    public Status status() {
        return status;
    }

    public ImportReport report() {
        return report;
    }

    void started() {
        startedAt = Instant.now();
        status = Status.RUNNING;
    }

    void succeeded(long version) {
        registryVersion = version;
        finishedAt = Instant.now();
        status = Status.SUCCEEDED;
    }

    void failed(String why) {
        failure = why;
        finishedAt = Instant.now();
        status = Status.FAILED;
    }

    public View view() {
        Instant start = startedAt;
        Instant end = finishedAt == null ? Instant.now() : finishedAt;
        ImportReport.Snapshot snapshot = report.snapshot();
        Double rate = null;
        if (start != null) {
            double seconds = Math.max(0.001, Duration.between(start, end).toNanos() / 1e9);
            rate = Math.round(snapshot.recordsRead() / seconds * 10) / 10.0;
        }
        return new View(
                id,
                format.wireName(),
                format.source(),
                status.name().toLowerCase(java.util.Locale.ROOT),
                submittedBy,
                submittedAt,
                start,
                finishedAt,
                bytes,
                rate,
                registryVersion,
                failure,
                snapshot);
    }
}
