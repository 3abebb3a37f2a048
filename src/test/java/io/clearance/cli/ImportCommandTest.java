package io.clearance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.audit.ChainHash;
import io.clearance.audit.changes.ChangeRecord;
import io.clearance.audit.changes.ChangeRepository;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clearance import} as an operator meets it: a database named by path, a registry emptied on purpose,
 * a refusal in one line when the registry is not empty or a server holds the file, and every import in the
 * change log under the operating-system user who ran it.
 */
class ImportCommandTest {

    private static final String USER = "cli:" + System.getProperty("user.name");

    // Each test's H2 file is opened as sa below; the user is named because the PostgreSQL pass sets
    // CLEARANCE_DB_USERNAME, which import would otherwise take.

    @Test
    void importsIntoADatabaseNamedByPathAndRecordsWhoImportedWhat(@TempDir Path folder) throws Exception {
        Path registry = registry(folder, 3, 2);
        CliRun run = CliRun.of(
                "import",
                "--db-user",
                "sa",
                registry.toString(),
                "--database",
                folder.resolve("fresh").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("imported 3 parties and 2 stakes"), run.out());

        List<ChangeRecord> changes = changes(folder.resolve("fresh"));
        assertEquals(1, changes.size());
        ChangeRecord imported = changes.get(0);
        assertEquals(USER, imported.actor());
        assertEquals("CLI", imported.actorKind());
        assertEquals("registry.import", imported.action());
        assertEquals("registry", imported.target());
        JsonNode after = new ObjectMapper().readTree(imported.afterJson());
        assertEquals(3, after.path("parties").asLong());
        assertEquals(2, after.path("stakes").asLong());
        assertEquals("registry.yaml", after.path("file").asText());
        assertEquals(
                0,
                new ObjectMapper()
                        .readTree(imported.beforeJson())
                        .path("parties")
                        .asLong());
        assertEquals(ChainHash.GENESIS, imported.prevHash());
        assertEquals(imported.expectedHash(), imported.hash());
    }

    @Test
    void aRegistryThatIsNotEmptyIsRefusedInOneLineThatSaysWhatToDo(@TempDir Path folder) throws Exception {
        String database = folder.resolve("db").toString();
        assertEquals(
                0,
                CliRun.of("import", "--db-user", "sa", registry(folder, 3, 2).toString(), "--database", database)
                        .exitCode());

        CliRun refused =
                CliRun.of("import", "--db-user", "sa", registry(folder, 4, 1).toString(), "--database", database);
        assertEquals(1, refused.exitCode());
        assertEquals(1, refused.err().lines().count(), refused.err());
        assertTrue(refused.err().contains("already holds 3 parties; --empty replaces them"), refused.err());
        assertTrue(refused.err().contains("--database <path>"), refused.err());
        assertEquals(1, changes(folder.resolve("db")).size(), "a refused import is not recorded");
    }

    @Test
    void emptyReplacesTheRegistryAndEachImportFollowsTheOneBeforeInTheChain(@TempDir Path folder) throws Exception {
        String database = folder.resolve("db").toString() + ".mv.db";
        assertEquals(
                0,
                CliRun.of("import", "--db-user", "sa", registry(folder, 3, 2).toString(), "--database", database)
                        .exitCode());

        CliRun replaced = CliRun.of(
                "import", "--db-user", "sa", registry(folder, 5, 1).toString(), "--database", database, "--empty");
        assertEquals(0, replaced.exitCode(), replaced.err());
        assertTrue(replaced.out().startsWith("imported 5 parties and 1 stakes"), replaced.out());

        CliRun emptied = CliRun.of("import", "--db-user", "sa", "--empty", "--database", database);
        assertEquals(0, emptied.exitCode(), emptied.err());
        assertTrue(emptied.out().startsWith("imported 0 parties and 0 stakes"), emptied.out());

        List<ChangeRecord> changes = changes(folder.resolve("db"));
        assertEquals(3, changes.size());
        ObjectMapper json = new ObjectMapper();
        assertEquals(
                3, json.readTree(changes.get(1).beforeJson()).path("parties").asLong());
        assertEquals(
                5, json.readTree(changes.get(1).afterJson()).path("parties").asLong());
        assertTrue(json.readTree(changes.get(1).afterJson()).path("replaced").asBoolean());
        assertTrue(json.readTree(changes.get(2).afterJson()).path("file").isNull());
        for (int i = 1; i < changes.size(); i++) {
            assertEquals(changes.get(i - 1).hash(), changes.get(i).prevHash());
            assertEquals(changes.get(i).expectedHash(), changes.get(i).hash());
        }
    }

    @Test
    void aPublishedFormatIsMergedOfflineAndTheSameFileTwiceChangesNothing(@TempDir Path folder) throws Exception {
        String database = folder.resolve("db").toString();
        CliRun entities = publishedImport(database, "gleif-lei-csv", "gleif/lei-golden.csv");
        assertEquals(0, entities.exitCode(), entities.err());
        assertTrue(entities.out().startsWith("imported 4 records of gleif-lei-csv: 4 parties"), entities.out());
        CliRun relationships = publishedImport(database, "gleif-rr-csv", "gleif/rr-golden.csv");
        assertEquals(0, relationships.exitCode(), relationships.err());
        assertTrue(relationships.out().contains("2 stakes written"), relationships.out());
        assertTrue(relationships.out().endsWith("the registry holds 4 parties and 2 stakes\n"), relationships.out());

        // Provenance as a server's import job records it: the source and the LEI of each party.
        assertEquals(
                List.of("5493007JADERIVER0080 gleif 5493007JADERIVER0080 CN"),
                rows(
                        folder.resolve("db"),
                        "select id || ' ' || source || ' ' || source_record_id || ' ' || country"
                                + " from party where id = '5493007JADERIVER0080'"));
        assertEquals(
                List.of("5493008VENETOSRL0083 5493007JADERIVER0080 gleif consolidation"),
                rows(
                        folder.resolve("db"),
                        "select owned_id || ' ' || owner_id || ' ' || source || ' ' || control"
                                + " from stake where owned_id = '5493008VENETOSRL0083'"));

        CliRun again = publishedImport(database, "gleif-rr-csv", "gleif/rr-golden.csv");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().endsWith("the registry holds 4 parties and 2 stakes\n"), again.out());

        List<ChangeRecord> changes = changes(folder.resolve("db"));
        assertEquals(3, changes.size());
        JsonNode after = new ObjectMapper().readTree(changes.get(1).afterJson());
        assertEquals("gleif-rr-csv", after.path("format").asText());
        assertEquals(2, after.path("stakes").asLong());
        assertEquals(USER, changes.get(1).actor());
    }

    @Test
    void aPublishedFileWithARefusedRecordIsRefusedByLineAndChangesNothing(@TempDir Path folder) throws Exception {
        String database = folder.resolve("db").toString();
        CliRun refused = publishedImport(database, "uk-psc", "uk-psc/psc-bad.jsonl");
        assertEquals(1, refused.exitCode(), refused.out());
        assertTrue(refused.err().contains("psc-bad.jsonl:"), refused.err());
        assertTrue(refused.err().contains("nothing was imported"), refused.err());
        assertEquals(List.of("0"), rows(folder.resolve("db"), "select count(*) from party"));
        assertEquals(0, changes(folder.resolve("db")).size(), "a refused import is not recorded");

        CliRun unknown = publishedImport(database, "gleif-xml", "gleif/lei-golden.csv");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("unknown --format `gleif-xml`"), unknown.err());
    }

    private static CliRun publishedImport(String database, String format, String fixture) {
        return CliRun.of(
                "import",
                "--db-user",
                "sa",
                "--database",
                database,
                "--format",
                format,
                Path.of("src/test/resources/imports", fixture).toString());
    }

    /** The first column of each row {@code sql} answers on the database file. */
    private static List<String> rows(Path database, String sql) throws Exception {
        JdbcDataSource file = new JdbcDataSource();
        file.setURL("jdbc:h2:file:" + database.toAbsolutePath());
        file.setUser("sa");
        file.setPassword("");
        List<String> found = new java.util.ArrayList<>();
        try (java.sql.Connection connection = file.getConnection();
                java.sql.ResultSet rows = connection.createStatement().executeQuery(sql)) {
            while (rows.next()) {
                found.add(rows.getString(1));
            }
        }
        return found;
    }

    @Test
    void withNeitherAFileNorEmptyThereIsNothingToDo(@TempDir Path folder) {
        CliRun run = CliRun.of(
                "import", "--db-user", "sa", "--database", folder.resolve("db").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("name a registry file, or --empty"), run.err());
        assertFalse(Files.exists(folder.resolve("db.mv.db")), "the database is not even opened");
    }

    @Test
    void aDatabaseARunningServerHoldsIsRefusedInOneLineWithoutAStackTrace(@TempDir Path folder) throws Exception {
        Path database = folder.resolve("held");
        // Another process holds the file, as a running server does: H2's shell, connected and waiting for SQL.
        Process holder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.h2.tools.Shell",
                        "-url",
                        "jdbc:h2:file:" + database.toAbsolutePath(),
                        "-user",
                        "sa")
                .redirectErrorStream(true)
                .start();
        try {
            awaitPrompt(holder.getInputStream());
            CliRun run = CliRun.of(
                    "import", "--db-user", "sa", registry(folder, 3, 2).toString(), "--database", database.toString());
            assertEquals(1, run.exitCode());
            assertEquals(1, run.err().lines().count(), run.err());
            assertTrue(run.err().startsWith("import refused: a running server holds the database at"), run.err());
            assertTrue(run.err().contains("stop the server and run it again"), run.err());
            assertFalse(run.err().contains("\tat "), run.err());
        } finally {
            holder.getOutputStream().write("quit\n".getBytes(StandardCharsets.UTF_8));
            holder.getOutputStream().close();
            holder.waitFor();
        }
    }

    /** Reads the shell's output until it asks for SQL: by then it holds the database. */
    private static void awaitPrompt(InputStream output) throws IOException {
        StringBuilder seen = new StringBuilder();
        int c;
        while ((c = output.read()) != -1) {
            seen.append((char) c);
            if (seen.toString().endsWith("sql> ")) {
                return;
            }
        }
        throw new IllegalStateException("the H2 shell ended before holding the database: " + seen);
    }

    private static Path registry(Path folder, int parties, int stakes) throws IOException {
        StringBuilder yaml = new StringBuilder("parties:\n");
        for (int i = 0; i < parties; i++) {
            yaml.append("  - {id: p")
                    .append(i)
                    .append(", name: Party ")
                    .append(i)
                    .append(", kind: COMPANY, country: GB}\n");
        }
        yaml.append("stakes:\n");
        for (int i = 0; i < stakes; i++) {
            yaml.append("  - {owner: p").append(i + 1).append(", owned: p0, percent: 10}\n");
        }
        if (stakes == 0) {
            yaml.append("  []\n");
        }
        Path file = Files.createTempDirectory(folder, "file").resolve("registry.yaml");
        return Files.writeString(file, yaml);
    }

    /** The change log of the database file, oldest first, read as the server reads it. */
    private static List<ChangeRecord> changes(Path database) {
        JdbcDataSource file = new JdbcDataSource();
        file.setURL("jdbc:h2:file:" + database.toAbsolutePath());
        file.setUser("sa");
        file.setPassword("");
        return new ChangeRepository(file).oldestFirst(1, Integer.MAX_VALUE);
    }
}
