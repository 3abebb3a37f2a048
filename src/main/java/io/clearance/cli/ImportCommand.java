package io.clearance.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.audit.changes.ChangeChain;
import io.clearance.registry.ImportPrecedence;
import io.clearance.registry.ImportReport;
import io.clearance.registry.OfflineImport;
import io.clearance.registry.RegistryImport;
import io.clearance.registry.RegistrySource;
import io.clearance.registry.io.ImportFormat;
import io.clearance.registry.io.RegistryFile;
import io.clearance.security.Actor;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code clearance import registry.csv}: bulk-loads a registry file (see {@link RegistryFile}: CSV, JSON
 * Lines, YAML, or a BODS 0.4 package as {@code .json}) into a registry database with JDBC batches, so that a
 * server can start on it, and records the import in the change log as {@code registry.import} by
 * {@code cli:<os user>}. Run it with the server stopped: H2's file database takes one process at a time. With
 * {@code --format F}, a published file is merged in by the staged import a server's import job runs
 * ({@link OfflineImport}); with {@code --server URL --format F}, the file goes to a running server's import
 * endpoint instead ({@link ServerImport}).
 */
@Command(
        name = "import",
        description = {
            "Bulk-load a registry file (.csv, .jsonl, .yaml, or a BODS 0.4 package as .json) into an empty"
                    + " registry database; run it with the server stopped.",
            "The registry must be empty: --empty replaces what it holds (the audit and change logs stay),"
                    + " --database imports into another one. The import is recorded in the change log"
                    + " (registry.import by cli:<os user>).",
            "With --format, a published file (GLEIF, UK PSC, BODS, OpenSanctions) is merged into the registry as"
                    + " a server's import job merges it (precedence, deltas, refusals by line); a refused record"
                    + " changes nothing."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:imported",
            "1:refused: a bad row, a registry that is not empty, or a database a running server holds",
            "2:usage error"
        })
final class ImportCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(
            index = "0",
            arity = "0..1",
            description = "the registry file, as `clearance generate` writes it, or a BODS package;"
                    + " without one, --empty only empties the registry")
    Path file;

    @Option(
            names = "--country-if-unknown",
            description = "BODS: the ISO country of parties whose statements name none (default: refuse them)")
    String countryIfUnknown;

    @Option(
            names = {"--database", "--db-url"},
            paramLabel = "<path-or-url>",
            defaultValue = "${env:CLEARANCE_DB_URL:-jdbc:h2:file:./data/clearance;DB_CLOSE_ON_EXIT=FALSE}",
            description = "an H2 file (e.g. data/fresh) or a JDBC URL (default: ${DEFAULT-VALUE})")
    String database;

    @Option(
            names = "--empty",
            description = "delete the registry's parties and stakes first, so that the file lands in a fresh one")
    boolean empty;

    @Option(
            names = "--db-user",
            defaultValue = "${env:CLEARANCE_DB_USERNAME:-sa}",
            description = "database user (default: ${DEFAULT-VALUE})")
    String user;

    @Option(
            names = "--server",
            description = "a running server's URL: the file is streamed to its POST /v1/registry/imports (key from"
                    + " $CLEARANCE_KEY) and the server keeps deciding; needs --format")
    String server;

    @Option(
            names = "--format",
            description = "a published format: gleif-lei-json, gleif-lei-csv, gleif-rr-json, gleif-rr-csv, uk-psc,"
                    + " bods, opensanctions; imported into the database (server stopped) or with --server")
    String format;

    @Option(
            names = "--precedence",
            defaultValue = "${env:CLEARANCE_IMPORT_PRECEDENCE:-" + ImportPrecedence.DEFAULT + "}",
            description = "with --format: which source wins, first wins, as clearance.import.precedence"
                    + " (default: ${DEFAULT-VALUE})")
    String precedence;

    @Option(names = "--db-password", defaultValue = "${env:CLEARANCE_DB_PASSWORD:-}", description = "database password")
    String password;

    @Override
    public Integer call() throws Exception {
        if (file == null && !empty) {
            System.err.println("import: name a registry file, or --empty to empty the registry");
            return 2;
        }
        if (server != null) {
            if (file == null || format == null) {
                System.err.println("import --server: name the file and its --format");
                return 2;
            }
            return ServerImport.run(
                    server,
                    System.getenv("CLEARANCE_KEY"),
                    format,
                    countryIfUnknown,
                    file,
                    System.out,
                    System.console() != null);
        }
        String url = Database.url(database);
        if (format != null) {
            if (file == null) {
                System.err.println("import --format: name the file");
                return 2;
            }
            Optional<ImportFormat> known = ImportFormat.ofWireName(format);
            if (known.isEmpty()) {
                System.err.println("import: unknown --format `" + format + "`");
                return 2;
            }
            return published(known.get(), url);
        }
        RegistrySource source = file == null
                ? sink -> List.of()
                : RegistryFile.source(file, new RegistryFile.Options(countryIfUnknown));
        Actor actor = Actor.cli(System.getProperty("user.name", "unknown"));
        try {
            RegistryImport.Result result =
                    RegistryImport.run(source, url, user, password, empty, (connection, before, after) -> {
                        Map<String, Object> done = new LinkedHashMap<>();
                        done.put("parties", after.parties());
                        done.put("stakes", after.stakes());
                        done.put(
                                "file", file == null ? null : file.getFileName().toString());
                        done.put("replaced", empty);
                        ObjectMapper json = new ObjectMapper();
                        ChangeChain.append(
                                connection,
                                actor,
                                "registry.import",
                                "registry",
                                json.writeValueAsString(Map.of("parties", before.parties(), "stakes", before.stakes())),
                                json.writeValueAsString(done));
                    });
            result.notes().forEach(note -> System.err.println("note: " + note));
            System.out.printf(
                    "imported %,d parties and %,d stakes in %.1f s (%,.0f rows/s)%n",
                    result.parties(),
                    result.stakes(),
                    result.seconds(),
                    (result.parties() + result.stakes()) / result.seconds());
            return 0;
        } catch (RegistryImport.NotEmptyException e) {
            System.err.printf(
                    "import refused: the registry at `%s` already holds %,d parties; --empty replaces them,"
                            + " --database <path> imports into another one%n",
                    url, e.parties());
            return 1;
        } catch (RuntimeException | SQLException e) {
            return Database.refusal("import", url, e);
        }
    }

    /**
     * A published-format file into the database, as a running server's import job would take it (the same
     * readers, staged import, precedence and refusals by line): recorded in the change log like any import.
     */
    private int published(ImportFormat known, String url) {
        Actor actor = Actor.cli(System.getProperty("user.name", "unknown"));
        try {
            OfflineImport.Result result = OfflineImport.run(
                    known,
                    file,
                    new ImportFormat.Options(countryIfUnknown),
                    new ImportPrecedence(precedence),
                    url,
                    user,
                    password,
                    empty,
                    (connection, before, after) -> ChangeChain.append(
                            connection,
                            actor,
                            "registry.import",
                            "registry",
                            JSON.writeValueAsString(Map.of("parties", before.parties(), "stakes", before.stakes())),
                            JSON.writeValueAsString(witnessed(after, known))));
            ImportReport.Snapshot done = result.report().snapshot();
            for (ImportReport.Rejection rejection : done.rejections()) {
                System.err.printf(
                        "%s:%d: %s%s: %s%n",
                        file.getFileName(),
                        rejection.line(),
                        rejection.field() == null ? "" : "`" + rejection.field() + "`: ",
                        rejection.code(),
                        rejection.message());
            }
            if (done.rejected() > done.rejections().size()) {
                System.err.printf("... %,d refused in all%n", done.rejected());
            }
            done.skipped().forEach((what, count) -> System.err.printf("skipped %,d %s%n", count, what));
            done.kept().forEach((what, count) -> System.err.printf("%s: %,d%n", what, count));
            if (!result.committed()) {
                System.err.printf("import refused: %,d record(s) refused, nothing was imported%n", done.rejected());
                return 1;
            }
            System.out.printf(
                    "imported %,d records of %s: %,d parties and %,d stakes written, %,d stakes closed in %.1f s;"
                            + " the registry holds %,d parties and %,d stakes%n",
                    done.recordsRead(),
                    known.wireName(),
                    done.partiesWritten(),
                    done.stakesWritten(),
                    done.stakesClosed(),
                    result.seconds(),
                    result.after().parties(),
                    result.after().stakes());
            return 0;
        } catch (RuntimeException | SQLException | IOException e) {
            return Database.refusal("import", url, e);
        }
    }

    private Map<String, Object> witnessed(RegistryImport.Counts after, ImportFormat known) {
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("parties", after.parties());
        done.put("stakes", after.stakes());
        done.put("file", file.getFileName().toString());
        done.put("format", known.wireName());
        done.put("replaced", empty);
        return done;
    }
}
