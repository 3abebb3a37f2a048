package io.clearance.registry;

import io.clearance.registry.io.ImportFormat;
import io.clearance.registry.outbox.RegistryChange;
import io.clearance.registry.outbox.RegistryOutbox;
import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A published-format file (GLEIF, UK PSC, BODS, OpenSanctions: {@link ImportFormat}) imported into the
 * registry database with the server stopped ({@code clearance import --format F FILE}): the same readers and
 * the same staged import as a running server's import job ({@link ImportJobs}), so the same precedence,
 * provenance, delta semantics and refusals, in one transaction of its own. A file with a refused record
 * changes nothing; one that commits raises the registry version with a reload in the outbox, so that a
 * server started on the database (or one already running on it elsewhere) loads the imported state.
 */
public final class OfflineImport {

    /**
     * What the import did.
     *
     * @param committed false when a refused record rolled it back
     * @param report records read, written, refused (by line), kept and skipped, and the time per phase
     */
    public record Result(boolean committed, ImportReport report, RegistryImport.Counts after, double seconds) {}

    private OfflineImport() {}

    /**
     * Runs the schema migrations, as the server would, then imports {@code file} into the registry at {@code
     * url}; with {@code replace}, its parties and stakes are deleted first, in the same transaction (the logs
     * stay). {@code witness} runs before the commit.
     */
    public static Result run(
            ImportFormat format,
            Path file,
            ImportFormat.Options options,
            ImportPrecedence precedence,
            String url,
            String user,
            String password,
            boolean replace,
            RegistryImport.Witness witness)
            throws IOException, SQLException {
        RegistryImport.migrate(url, user, password);
        long started = System.nanoTime();
        ImportReport report = new ImportReport();
        boolean h2 = url.startsWith("jdbc:h2:");
        try (Connection connection = DriverManager.getConnection(url, user, password);
                // A FileInputStream, unlike Files.newInputStream, reads a named pipe too.
                InputStream in = new BufferedInputStream(new FileInputStream(file.toFile()), 1 << 16)) {
            connection.setAutoCommit(false);
            if (h2) {
                // As RegistryImport: H2 would keep superseded pages for 45 s and grow the file by gigabytes.
                try (Statement retention = connection.createStatement()) {
                    retention.execute("set retention_time 0");
                }
            }
            RegistryImport.Counts before = counts(connection);
            RegistryImport.Counts after = before;
            boolean committed = false;
            try (ImportWriter writer = new ImportWriter(connection, precedence, report)) {
                try {
                    if (replace) {
                        try (Statement empty = connection.createStatement()) {
                            empty.executeUpdate("delete from stake");
                            empty.executeUpdate("delete from party");
                        }
                    }
                    format.read(in, writer, report, options);
                    if (report.rejected() == 0) {
                        writer.finish();
                    }
                    if (report.rejected() == 0) {
                        // No job: the reload names the import offline, by its format.
                        RegistryOutbox.recordReload(
                                connection, "import", new RegistryChange.Imported(null, format.wireName()));
                        after = counts(connection);
                        witness.imported(connection, before, after);
                        connection.commit();
                        committed = true;
                    }
                } finally {
                    // Before the writer's close, which drops the staging tables in autocommit.
                    if (!committed) {
                        connection.rollback();
                    }
                }
            }
            if (h2) {
                // As RegistryImport: a clean close rewrites the file that a bulk load left many times its size.
                try (Statement shutdown = connection.createStatement()) {
                    shutdown.execute("shutdown compact");
                }
            }
            return new Result(committed, report, after, (System.nanoTime() - started) / 1e9);
        }
    }

    private static RegistryImport.Counts counts(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("select (select count(*) from party), (select count(*) from stake)")) {
            rows.next();
            return new RegistryImport.Counts(rows.getLong(1), rows.getLong(2));
        }
    }
}
