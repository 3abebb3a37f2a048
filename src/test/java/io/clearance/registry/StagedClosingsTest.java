package io.clearance.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delta's closings, applied set-based ({@link StagedClosings}), with each case the one-by-one closing
 * had: a stake ended, one that never came into force removed, closings of stakes another source or another
 * record stated, of one already ended and of one not held skipped and counted, one the file restates after
 * closing it left open, and a stake closed twice closed in file order. On H2, and on PostgreSQL with
 * {@code CLEARANCE_DB_KIND=postgresql} (see {@link EmptyRegistry}).
 */
class StagedClosingsTest {

    private static final Instant Y2020 = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant Y2024 = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant Y2025 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant MID2025 = Instant.parse("2025-06-01T00:00:00Z");
    private static final Instant Y2026 = Instant.parse("2026-01-01T00:00:00Z");
    private static final LocalDate AS_OF = LocalDate.parse("2025-02-01");

    @TempDir
    Path folder;

    @Test
    void closingsEndRemoveAndSkipAsTheyDidOneByOne() throws Exception {
        EmptyRegistry registry = new EmptyRegistry(folder, "staged_closings_test");
        try (Connection connection = registry.connect()) {
            EmptyRegistry.parties(connection, "A", "B", "C", "D", "E");
            ImportReport golden = new ImportReport();
            try (ImportWriter writer = new ImportWriter(connection, new ImportPrecedence(null), golden)) {
                writer.stake("A", "B", terms(Y2020, null), gleif("r1", null));
                writer.stake("A", "C", terms(Y2026, null), gleif("r2", null));
                writer.stake("A", "D", terms(Y2020, null), Provenance.api());
                writer.stake("B", "C", terms(Y2020, null), gleif("r3", null));
                writer.stake("B", "D", terms(Y2020, Y2024), gleif("r4", null));
                writer.stake("D", "E", terms(Y2020, null), gleif("r5", null));
                writer.finish();
                connection.commit();
            }
            assertEquals(0, golden.rejected());

            ImportReport delta = new ImportReport();
            try (ImportWriter writer = new ImportWriter(connection, new ImportPrecedence(null), delta)) {
                writer.endStake("A", "B", Y2025, gleif("r1", AS_OF)); // ended
                writer.endStake("A", "C", Y2025, gleif("r2", AS_OF)); // never in force: removed
                writer.endStake("A", "D", Y2025, gleif("r6", AS_OF)); // typed through the API
                writer.endStake("B", "C", Y2025, gleif("another", AS_OF)); // another GLEIF record
                writer.endStake("B", "D", Y2025, gleif("r4", AS_OF)); // already ended in 2024
                writer.endStake("C", "E", Y2025, gleif("r7", AS_OF)); // not held
                writer.endStake("B", "E", Y2025, gleif("r8", AS_OF)); // restated below: stays open
                writer.stake("B", "E", terms(Y2020, null), gleif("r8", AS_OF));
                writer.endStake("D", "E", MID2025, gleif("r5", AS_OF)); // closed twice, in file order
                writer.endStake("D", "E", Y2025, gleif("r5", AS_OF));
                writer.finish();
                connection.commit();
            }

            assertEquals(0, delta.rejected());
            ImportReport.Snapshot done = delta.snapshot();
            assertEquals(4, done.stakesClosed(), "A-B, A-C, and D-E twice");
            assertEquals(
                    Map.of(
                            "closings of stakes another record stated", 2L,
                            "closings of stakes already ended", 1L,
                            "closings of stakes the registry does not hold", 1L),
                    done.skipped());
            assertEquals(Y2025, validTo(connection, "A", "B"));
            assertEquals(AS_OF, asOf(connection, "A", "B"));
            assertEquals(
                    0,
                    EmptyRegistry.count(
                            connection, "select count(*) from stake where owned_id = 'A'" + " and owner_id = 'C'"));
            assertEquals(null, validTo(connection, "A", "D"));
            assertEquals(null, validTo(connection, "B", "C"));
            assertEquals(Y2024, validTo(connection, "B", "D"));
            assertEquals(null, validTo(connection, "B", "E"));
            assertEquals(Y2025, validTo(connection, "D", "E"));
        }
    }

    private static StakeTerms terms(Instant from, Instant to) {
        return StakeTerms.exact(Share.fromPercent("10")).during(from, to);
    }

    private static Provenance gleif(String recordId, LocalDate asOf) {
        return new Provenance("gleif", recordId, asOf);
    }

    private static Instant validTo(Connection connection, String owned, String owner) throws SQLException {
        try (Statement select = connection.createStatement();
                ResultSet row = select.executeQuery(
                        "select valid_to from stake where owned_id = '" + owned + "' and owner_id = '" + owner + "'")) {
            row.next();
            OffsetDateTime to = row.getObject(1, OffsetDateTime.class);
            return to == null ? null : to.toInstant();
        }
    }

    private static LocalDate asOf(Connection connection, String owned, String owner) throws SQLException {
        try (Statement select = connection.createStatement();
                ResultSet row = select.executeQuery("select source_as_of from stake where owned_id = '" + owned
                        + "' and owner_id = '" + owner + "'")) {
            row.next();
            return row.getObject(1, LocalDate.class);
        }
    }
}
