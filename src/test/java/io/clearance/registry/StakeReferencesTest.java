package io.clearance.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bulk path of an import's stakes into an empty registry: on PostgreSQL their parties are checked once,
 * set-based ({@link StakeReferences}, its threshold lowered here so that a few rows take that way), on H2 row
 * by row. Either way a stake naming a missing party is refused with its line and nothing lands, and the
 * foreign keys are there, validated, after a commit. Runs on H2, and with {@code CLEARANCE_DB_KIND=postgresql}
 * (and {@code CLEARANCE_DB_URL}, ...) on PostgreSQL, in a schema of its own that it empties first.
 */
class StakeReferencesTest {

    private static final String SCHEMA = "stake_references_test";

    @TempDir
    Path folder;

    private boolean postgres;
    private String url;
    private String user;
    private String password;

    @BeforeEach
    void emptyRegistry() {
        System.setProperty(StakeReferences.FROM_PROPERTY, "1");
        postgres = "postgresql".equals(System.getenv("CLEARANCE_DB_KIND"));
        if (postgres) {
            String base = System.getenv("CLEARANCE_DB_URL");
            url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
            user = System.getenv("CLEARANCE_DB_USERNAME");
            password = System.getenv().getOrDefault("CLEARANCE_DB_PASSWORD", "");
        } else {
            url = "jdbc:h2:file:" + folder.resolve("registry").toAbsolutePath();
            user = "sa";
            password = "";
        }
        Flyway.configure()
                .dataSource(url, user, password)
                .schemas(postgres ? new String[] {SCHEMA} : new String[0])
                .cleanDisabled(false)
                .load()
                .clean();
        Flyway.configure()
                .dataSource(url, user, password)
                .schemas(postgres ? new String[] {SCHEMA} : new String[0])
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    @AfterEach
    void threshold() {
        System.clearProperty(StakeReferences.FROM_PROPERTY);
    }

    @Test
    void aStakeNamingAMissingPartyIsRefusedByLineAndNothingChanges() throws Exception {
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            connection.setAutoCommit(false);
            parties(connection, "ACME", "BETA", "GAMMA");

            ImportReport report = new ImportReport();
            try (ImportWriter writer = new ImportWriter(connection, new ImportPrecedence(null), report)) {
                stake(writer, report, 2, "ACME", "BETA", "30");
                stake(writer, report, 3, "ACME", "NOBODY", "20");
                stake(writer, report, 4, "BETA", "GAMMA", "10");
                writer.finish();
                connection.rollback(); // what the import does when the report holds a refusal
            }

            assertEquals(1, report.rejected());
            ImportReport.Rejection refused = report.snapshot().rejections().get(0);
            assertEquals(3, refused.line());
            assertEquals("unknown-party", refused.code());
            assertTrue(refused.message().contains("`NOBODY`"), refused.message());
            assertEquals(0, count(connection, "select count(*) from stake"));
            assertEquals(3, count(connection, "select count(*) from party"));
            validatedKeys(connection);
        }
    }

    @Test
    void stakesCommitAndTheKeysStayValidated() throws Exception {
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            connection.setAutoCommit(false);
            parties(connection, "ACME", "BETA", "GAMMA");

            ImportReport report = new ImportReport();
            try (ImportWriter writer = new ImportWriter(connection, new ImportPrecedence(null), report)) {
                stake(writer, report, 2, "ACME", "BETA", "30");
                stake(writer, report, 3, "BETA", "GAMMA", "10");
                writer.finish();
                assertEquals(0, report.rejected());
                connection.commit();
            }

            assertEquals(2, report.snapshot().stakesWritten());
            assertEquals(postgres, report.phases().containsKey("validate stake references"), "set-based on PostgreSQL");
            assertEquals(2, count(connection, "select count(*) from stake"));
            validatedKeys(connection);
            try (Statement insert = connection.createStatement()) {
                assertThrows(
                        SQLException.class,
                        () -> insert.executeUpdate("insert into stake (owned_id, owner_id, percent, created_at,"
                                + " updated_at) values ('ACME', 'NOBODY', 5, current_timestamp, current_timestamp)"),
                        "the keys check new rows after the import");
            }
            connection.rollback();
        }
    }

    private static void parties(Connection connection, String... ids) throws SQLException {
        ImportReport report = new ImportReport();
        try (ImportWriter writer = new ImportWriter(connection, new ImportPrecedence(null), report)) {
            for (String id : ids) {
                writer.party(new PartyInfo(id, id + " Ltd", PartyKind.COMPANY, "DE", null), Provenance.api());
            }
            writer.finish();
            connection.commit();
        }
        assertEquals(0, report.rejected());
    }

    private static void stake(
            ImportWriter writer, ImportReport report, long line, String owned, String owner, String percent) {
        report.at(line, owned + "/" + owner);
        writer.stake(owned, owner, StakeTerms.exact(Share.fromPercent(percent)), new Provenance("gleif", owned, null));
    }

    /** PostgreSQL: both foreign keys of stake are there and validated (none left dropped or NOT VALID). */
    private void validatedKeys(Connection connection) throws SQLException {
        if (postgres) {
            assertEquals(
                    2,
                    count(
                            connection,
                            "select count(*) from pg_constraint where conrelid = 'stake'::regclass"
                                    + " and contype = 'f' and convalidated"));
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
