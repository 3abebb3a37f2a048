package io.clearance.registry;

import io.clearance.registry.io.ImportFormat;
import io.clearance.registry.outbox.RegistryChange;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Imports registry files into the running registry, one at a time on a worker thread, while decisions and
 * other registry writes go on. Each import is one transaction on a connection of its own: the file is read
 * into staging tables ({@link ImportWriter}), then merged, the 100% rule checked, and only a file without a
 * refused record commits. Reading and staging, the long part, hold no lock of the registry; the merge, the
 * commit and the switch of the graph to the new state hold its write lock ({@link RegistryService#bulk}), so
 * decisions never see half an import and other writes wait only for that last part. A file with refused records rolls back: nothing changes and the
 * job's report lists them by line.
 *
 * <p>Jobs are kept in the {@code import_job} table ({@link ImportJobStore}), written at each change of
 * status; a running job is read live. A job that a stop of the server interrupted is marked failed at the
 * next start: its transaction died with the server, so nothing of it was applied. Several instances share the
 * table: each beats on its own jobs, and one marks failed only its own at start and another's once that one
 * has stopped beating ({@code clearance.import.stale-after}), never a live instance's running job.
 */
@ApplicationScoped
public class ImportJobs {

    private static final Logger LOG = Logger.getLogger(ImportJobs.class);
    private static final int KEPT = 100;

    private final RegistryService registry;
    private final DataSource dataSource;
    private final ImportPrecedence precedence;
    private final ImportJobStore store;
    private final Duration staleAfter;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "clearance-import");
        thread.setDaemon(true);
        return thread;
    });
    // The jobs of this run that are live, for reports while they run; the table has every job.
    private final Map<String, ImportJob> jobs = new LinkedHashMap<>();

    ImportJobs(RegistryService registry, DataSource dataSource, ImportJobStore store, ImportConfig config) {
        this.registry = registry;
        this.dataSource = dataSource;
        this.store = store;
        this.staleAfter = config.staleAfter();
        this.precedence = new ImportPrecedence(config.precedence());
    }

    /**
     * Before any import of this run: jobs a stop interrupted are failed, never left running. After the start-up
     * steps (a later priority), which name this instance by the id its audit log claimed: its jobs of the last
     * run carry that id.
     */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event) {
        int interrupted = store.failInterrupted(staleAfter);
        if (interrupted > 0) {
            LOG.warnf(
                    "%d import job(s) interrupted by the last stop are marked failed; nothing of them was applied",
                    interrupted);
        }
    }

    /** Beats on this instance's jobs, and fails those of instances that stopped beating. */
    @Scheduled(
            identity = "import-heartbeat",
            every = "${clearance.import.heartbeat}", // its default: ImportConfig
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        store.beat();
        int abandoned = store.failAbandoned(staleAfter);
        if (abandoned > 0) {
            LOG.warnf(
                    "%d import job(s) of an instance that stopped beating %s ago are marked failed",
                    abandoned, staleAfter);
        }
    }

    /**
     * Queues the import of {@code file}, which the job owns (and deletes when done unless {@code keep}).
     *
     * @param committed told of a job that committed, in the worker thread, to record it in the change log
     */
    public ImportJob submit(
            ImportFormat format,
            Path file,
            boolean keep,
            ImportFormat.Options options,
            String submittedBy,
            Consumer<ImportJob> committed)
            throws IOException {
        // The size is known for a spooled body (what the request sent: its Content-Length when it gave one) and
        // an operator's regular file; not for a named pipe, whose job then reports no percent or ETA.
        Long total = Files.isRegularFile(file) ? Files.size(file) : null;
        ImportJob job = new ImportJob(UUID.randomUUID().toString(), format, submittedBy, total);
        store.save(job);
        synchronized (jobs) {
            jobs.put(job.id(), job);
            if (jobs.size() > KEPT) {
                jobs.remove(jobs.keySet().iterator().next());
            }
        }
        worker.execute(() -> {
            try {
                run(job, file, options, committed);
            } finally {
                if (!keep) {
                    try {
                        Files.deleteIfExists(file);
                    } catch (IOException e) {
                        LOG.warnf("could not delete the import file %s: %s", file, e.getMessage());
                    }
                }
            }
        });
        return job;
    }

    /** The job as {@code GET /v1/registry/imports/{id}} shows it: live while this server runs it, else as stored. */
    public Optional<ImportJob.View> view(String id) {
        ImportJob live;
        synchronized (jobs) {
            live = jobs.get(id);
        }
        return live != null ? Optional.of(live.view()) : store.find(id);
    }

    /** Runs an import now, in this thread; for the job worker, tests and the benchmark. */
    public void run(ImportJob job, Path file, ImportFormat.Options options, Consumer<ImportJob> committed) {
        job.started();
        store.save(job);
        try {
            long version = importFile(job, file, options);
            LOG.infof("import %s: seconds per phase %s", job.id(), job.report().phases());
            if (version >= 0) {
                job.succeeded(version);
                store.save(job);
                committed.accept(job);
            } else {
                job.failed(job.report().rejected() + " record(s) refused: nothing was imported");
                store.save(job);
            }
        } catch (RuntimeException | SQLException | IOException e) {
            LOG.errorf(e, "import %s failed", job.id());
            job.failed("the import failed and changed nothing: " + e.getMessage());
            store.save(job);
        }
    }

    /**
     * Reads and stages the file in its own transaction, outside the registry's write lock; then, under it,
     * merges, checks, raises the registry version, commits and switches the graph.
     *
     * @return the registry version the import committed at, or -1 when it rolled back for refused records
     */
    private long importFile(ImportJob job, Path file, ImportFormat.Options options) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection();
                // A FileInputStream, unlike Files.newInputStream, reads a named pipe too (an operator's stream).
                InputStream in = new BufferedInputStream(job.counted(new FileInputStream(file.toFile())), 1 << 16)) {
            connection.setAutoCommit(false);
            long[] version = {-1};
            try (ImportWriter writer = new ImportWriter(connection, precedence, job.report())) {
                try {
                    long reading = System.nanoTime();
                    job.format().read(in, writer, job.report(), options);
                    job.report().phase("read and staged", (System.nanoTime() - reading) / 1e9);
                    if (job.report().rejected() == 0) {
                        // Registry rows are locked from the merge on: under the write lock, so that no API
                        // write waits on them while holding the lock this import needs to commit, and so that
                        // the 100% rule is checked with every committed write in view.
                        long[] committedAt = {0};
                        registry.bulk(() -> {
                            writer.finish();
                            if (job.report().rejected() > 0) {
                                return false;
                            }
                            long committing = System.nanoTime();
                            // One outbox row raises the version: every instance reloads its graph at it, and
                            // names this job as what changed the decisions it flips.
                            long raised = registry.recordBulk(
                                    connection,
                                    new RegistryChange.Imported(
                                            job.id(), job.format().wireName()));
                            connection.commit();
                            committedAt[0] = System.nanoTime();
                            job.report().phase("version raised and committed", (committedAt[0] - committing) / 1e9);
                            version[0] = raised;
                            return true;
                        });
                        if (committedAt[0] > 0) {
                            job.report().phase("graph switched", (System.nanoTime() - committedAt[0]) / 1e9);
                        }
                    }
                } finally {
                    if (version[0] < 0) {
                        connection.rollback();
                    }
                }
            } finally {
                connection.setAutoCommit(true);
            }
            return version[0];
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
