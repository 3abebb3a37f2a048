package io.clearance.registry;

import io.clearance.registry.io.ImportFormat;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Imports registry files into the running registry, one at a time on a worker thread, while decisions go on
 * being served from the graph. Each import is one transaction on a connection of its own: the file is read
 * and written in batches, the 100% rule checked, and only a file without a refused record commits; then the
 * graph reloads and switches to the new state at once ({@link RegistryService#bulk}). A file with refused
 * records rolls back: nothing changes and the job's report lists them by line.
 *
 * <p>Jobs are kept in memory, the last {@value #KEPT}, until the server stops; what an import changed is in
 * the change log for good.
 */
@ApplicationScoped
public class ImportJobs {

    private static final Logger LOG = Logger.getLogger(ImportJobs.class);
    private static final int KEPT = 100;

    private final RegistryService registry;
    private final DataSource dataSource;
    private final ImportPrecedence precedence;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "clearance-import");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, ImportJob> jobs = new LinkedHashMap<>();

    ImportJobs(
            RegistryService registry,
            DataSource dataSource,
            @ConfigProperty(name = "clearance.import.precedence", defaultValue = ImportPrecedence.DEFAULT)
                    String precedence) {
        this.registry = registry;
        this.dataSource = dataSource;
        this.precedence = new ImportPrecedence(precedence);
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
        ImportJob job = new ImportJob(UUID.randomUUID().toString(), format, submittedBy, Files.size(file));
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

    public Optional<ImportJob> job(String id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id));
        }
    }

    /** Runs an import now, in this thread; for the job worker, tests and the benchmark. */
    public void run(ImportJob job, Path file, ImportFormat.Options options, Consumer<ImportJob> committed) {
        job.started();
        try {
            long[] version = {0};
            boolean done = registry.bulk(() -> {
                try (Connection connection = dataSource.getConnection();
                        InputStream in = Files.newInputStream(file)) {
                    connection.setAutoCommit(false);
                    try {
                        ImportWriter writer = new ImportWriter(connection, precedence, job.report());
                        job.format().read(new java.io.BufferedInputStream(in, 1 << 16), writer, job.report(), options);
                        if (job.report().rejected() == 0) {
                            writer.finish();
                        }
                        if (job.report().rejected() > 0) {
                            connection.rollback();
                            return false;
                        }
                        version[0] = registry.recordBulk(connection);
                        connection.commit();
                        return true;
                    } catch (RuntimeException | SQLException | IOException e) {
                        connection.rollback();
                        throw e;
                    } finally {
                        connection.setAutoCommit(true);
                    }
                }
            });
            if (done) {
                job.succeeded(version[0]);
                committed.accept(job);
            } else {
                job.failed(job.report().rejected() + " record(s) refused: nothing was imported");
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "import %s failed", job.id());
            job.failed("the import failed and changed nothing: " + e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
