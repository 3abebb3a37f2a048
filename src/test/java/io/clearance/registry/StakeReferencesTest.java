package io.clearance.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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

    @TempDir
    Path folder;

    private EmptyRegistry registry;

    @BeforeEach
    void emptyRegistry() {
        System.setProperty(StakeReferences.FROM_PROPERTY, "1");
        registry = new EmptyRegistry(folder, "stake_references_test");
    }

    @AfterEach
    void threshold() {
        System.clearProperty(StakeReferences.FROM_PROPERTY);
    }

    @Test
    void aStakeNamingAMissingPartyIsRefusedByLineAndNothingChanges() throws Exception {
        try (Connection connection = registry.connect()) {
            assertEquals(
                    0,
                    EmptyRegistry.parties(connection, "ACME", "BETA", "GAMMA").rejected());

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
            assertEquals(0, EmptyRegistry.count(connection, "select count(*) from stake"));
            assertEquals(3, EmptyRegistry.count(connection, "select count(*) from party"));
            validatedKeys(connection);
        }
    }

    @Test
    void stakesCommitAndTheKeysStayValidated() throws Exception {
        try (Connection connection = registry.connect()) {
            assertEquals(
                    0,
                    EmptyRegistry.parties(connection, "ACME", "BETA", "GAMMA").rejected());

            ImportReport report = new ImportReport();
            try (ImportWriter writer = new ImportWriter(connection, new ImportPrecedence(null), report)) {
                stake(writer, report, 2, "ACME", "BETA", "30");
                stake(writer, report, 3, "BETA", "GAMMA", "10");
                writer.finish();
                assertEquals(0, report.rejected());
                connection.commit();
            }

            assertEquals(2, report.snapshot().stakesWritten());
            assertEquals(
                    registry.postgres,
                    report.phases().containsKey("validate stake references"),
                    "set-based on PostgreSQL");
            assertEquals(2, EmptyRegistry.count(connection, "select count(*) from stake"));
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

    private static void stake(
            ImportWriter writer, ImportReport report, long line, String owned, String owner, String percent) {
        report.at(line, owned + "/" + owner);
        writer.stake(owned, owner, StakeTerms.exact(Share.fromPercent(percent)), new Provenance("gleif", owned, null));
    }

    /** PostgreSQL: both foreign keys of stake are there and validated (none left dropped or NOT VALID). */
    private void validatedKeys(Connection connection) throws SQLException {
        if (registry.postgres) {
            assertEquals(
                    2,
                    EmptyRegistry.count(
                            connection,
                            "select count(*) from pg_constraint where conrelid = 'stake'::regclass"
                                    + " and contype = 'f' and convalidated"));
        }
    }
}
