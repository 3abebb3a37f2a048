package io.clearance.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.audit.changes.ChangeChain;
import io.clearance.registry.RegistryImport;
import io.clearance.registry.RegistrySource;
import io.clearance.registry.io.RegistryFile;
import io.clearance.security.Actor;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code clearance import registry.csv}: bulk-loads a registry file (see {@link RegistryFile}: CSV, JSON
 * Lines, YAML, or a BODS 0.4 package as {@code .json}) into a registry database with JDBC batches, so that a
 * server can start on it, and records the import in the change log as {@code registry.import} by
 * {@code cli:<os user>}. Run it with the server stopped: H2's file database takes one process at a time. With
 * {@code --server URL --format F}, the file goes to a running server's import endpoint instead ({@link ServerImport}).
 */
@Command(
        name = "import",
        description = {
            "Bulk-load a registry file (.csv, .jsonl, .yaml, or a BODS 0.4 package as .json) into an empty"
                    + " registry database; run it with the server stopped.",
            "The registry must be empty: --empty replaces what it holds (the audit and change logs stay),"
                    + " --database imports into another one. The import is recorded in the change log"
                    + " (registry.import by cli:<os user>)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:imported",
            "1:refused: a bad row, a registry that is not empty, or a database a running server holds",
            "2:usage error"
        })
final class ImportCommand implements Callable<Integer> {

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
            description = "a running server's URL: the file is streamed to its POST /v1/imports (key from"
                    + " $CLEARANCE_KEY) and the server keeps deciding; needs --format")
    String server;

    @Option(
            names = "--format",
            description = "with --server: gleif-lei-json, gleif-lei-csv, gleif-rr-json, gleif-rr-csv, uk-psc, bods,"
                    + " opensanctions")
    String format;

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
            return ServerImport.run(server, System.getenv("CLEARANCE_KEY"), format, countryIfUnknown, file, System.out);
        }
        String url = Database.url(database);
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
}
