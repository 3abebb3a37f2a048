package io.clearance.registry;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/**
 * An empty registry database for tests of the import's writer without a server: an H2 file under a test's
 * folder, or with {@code CLEARANCE_DB_KIND=postgresql} (and {@code CLEARANCE_DB_URL}, ...) a schema of its own
 * on that PostgreSQL, emptied first, so that the shared database's registry is left alone.
 */
final class EmptyRegistry {

    final boolean postgres;
    private final String url;
    private final String user;
    private final String password;

    EmptyRegistry(Path folder, String schema) {
        postgres = "postgresql".equals(System.getenv("CLEARANCE_DB_KIND"));
        if (postgres) {
            String base = System.getenv("CLEARANCE_DB_URL");
            url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            user = System.getenv("CLEARANCE_DB_USERNAME");
            password = System.getenv().getOrDefault("CLEARANCE_DB_PASSWORD", "");
        } else {
            url = "jdbc:h2:file:" + folder.resolve(schema).toAbsolutePath();
            user = "sa";
            password = "";
        }
        String[] schemas = postgres ? new String[] {schema} : new String[0];
        Flyway.configure()
                .dataSource(url, user, password)
                .schemas(schemas)
                .cleanDisabled(false)
                .load()
                .clean();
        Flyway.configure()
                .dataSource(url, user, password)
                .schemas(schemas)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    /** A connection to it, not in autocommit. */
    Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(url, user, password);
        connection.setAutoCommit(false);
        return connection;
    }

    /** Imports and commits companies with these ids; returns the import's report. */
    static ImportReport parties(Connection connection, String... ids) throws SQLException {
        ImportReport report = new ImportReport();
        try (ImportWriter writer = new ImportWriter(connection, new ImportPrecedence(null), report)) {
            for (String id : ids) {
                writer.party(new PartyInfo(id, id + " Ltd", PartyKind.COMPANY, "DE", null), Provenance.api());
            }
            writer.finish();
            connection.commit();
        }
        return report;
    }

    static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
