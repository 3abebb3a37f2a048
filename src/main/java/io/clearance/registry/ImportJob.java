package io.clearance.registry;

import io.clearance.registry.io.ImportFormat;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

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

    /**
     * The job as {@code GET /v1/registry/imports/{id}} shows it. {@code bytes} and {@code bytesTotal} are the
     * file's size (the first kept for clients that read it), absent when unknown (a named pipe);
     * {@code percent} and {@code etaSeconds} follow from the bytes the readers took so far and the rate since
     * the job started, absent when the size is unknown, and the ETA also before any byte was read and once
     * the whole file is read while the job merges and commits (that last part has no byte measure).
     */
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
            Long bytesRead,
            Long bytesTotal,
            Double percent,
            Long etaSeconds,
            Double recordsPerSecond,
            Long registryVersion,
            String failure,
            ImportReport.Snapshot report) {}

    private final String id;
    private final ImportFormat format;
    private final String submittedBy;
    private final Clock clock;
    private final Instant submittedAt;
    private final Long bytesTotal;
    private final AtomicLong bytesRead = new AtomicLong();
    private final ImportReport report = new ImportReport();
    private volatile Status status = Status.QUEUED;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile Long registryVersion;
    private volatile String failure;

    /** @param bytesTotal the file's size, or null when it is not known before reading it all */
    ImportJob(String id, ImportFormat format, String submittedBy, Long bytesTotal) {
        this(id, format, submittedBy, bytesTotal, Clock.systemUTC());
    }

    ImportJob(String id, ImportFormat format, String submittedBy, Long bytesTotal, Clock clock) {
        this.id = id;
        this.format = format;
        this.submittedBy = submittedBy;
        this.bytesTotal = bytesTotal;
        this.clock = clock;
        this.submittedAt = clock.instant();
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

    /** {@code in}, counting into this job's {@code bytesRead} what the readers take from it. */
    InputStream counted(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bytesRead.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    bytesRead.addAndGet(n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(n);
                bytesRead.addAndGet(Math.max(0, skipped));
                return skipped;
            }
        };
    }

    void started() {
        startedAt = clock.instant();
        status = Status.RUNNING;
    }

    void succeeded(long version) {
        registryVersion = version;
        finishedAt = clock.instant();
        status = Status.SUCCEEDED;
    }

    void failed(String why) {
        failure = why;
        finishedAt = clock.instant();
        status = Status.FAILED;
    }

    public View view() {
        Instant start = startedAt;
        Instant end = finishedAt == null ? clock.instant() : finishedAt;
        ImportReport.Snapshot snapshot = report.snapshot();
        Double rate = null;
        long read = bytesRead.get();
        Long eta = null;
        if (start != null) {
            double seconds = Math.max(0.001, Duration.between(start, end).toNanos() / 1e9);
            rate = Math.round(snapshot.recordsRead() / seconds * 10) / 10.0;
            if (finishedAt != null) {
                eta = 0L;
            } else if (bytesTotal != null && read > 0 && read < bytesTotal) {
                eta = (long) Math.ceil((bytesTotal - read) / (read / seconds));
            }
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
                bytesTotal,
                read,
                bytesTotal,
                percent(read, bytesTotal),
                bytesTotal == null ? null : eta,
                rate,
                registryVersion,
                failure,
                snapshot);
    }

    /** Percent of {@code total} that {@code read} is, to a tenth; null when the total is unknown. */
    static Double percent(Long read, Long total) {
        if (total == null || read == null) {
            return null;
        }
        if (total == 0) {
            return 100.0;
        }
        return Math.min(1000L, Math.round(read * 1000.0 / total)) / 10.0;
    }
}
