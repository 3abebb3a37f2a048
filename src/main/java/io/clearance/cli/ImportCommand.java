package io.clearance.cli;

import io.clearance.registry.RegistryImport;
import io.clearance.registry.io.RegistryFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code clearance import registry.csv}: bulk-loads a registry file (see {@link RegistryFile}: CSV, JSON
 * Lines, YAML, or a BODS 0.4 package as {@code .json}) into an empty registry database with JDBC batches, so
 * that a server can start on it. Run it with the server stopped: H2's file database takes one process at a
 * time.
 */
@Command(
        name = "import",
        description =
                "Bulk-load a registry file (.csv, .jsonl, .yaml, or a BODS 0.4 package as .json) into an empty registry database.")
final class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "the registry file, as `clearance generate` writes it, or a BODS package")
    Path file;

    @Option(
            names = "--country-if-unknown",
            description = "BODS: the ISO country of parties whose statements name none (default: refuse them)")
    String countryIfUnknown;

    @Option(
            names = "--db-url",
            defaultValue = "${env:CLEARANCE_DB_URL:-jdbc:h2:file:./data/clearance;DB_CLOSE_ON_EXIT=FALSE}",
            description = "JDBC URL of the registry (default: ${DEFAULT-VALUE})")
    String url;

    @Option(
            names = "--db-user",
            defaultValue = "${env:CLEARANCE_DB_USERNAME:-sa}",
            description = "database user (default: ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--db-password", defaultValue = "${env:CLEARANCE_DB_PASSWORD:-}", description = "database password")
    String password;

    @Override
    public Integer call() throws Exception {
        try {
            RegistryImport.Result result = RegistryImport.run(
                    RegistryFile.source(file, new RegistryFile.Options(countryIfUnknown)), url, user, password);
            result.notes().forEach(note -> System.err.println("note: " + note));
            System.out.printf(
                    "imported %,d parties and %,d stakes in %.1f s (%,.0f rows/s)%n",
                    result.parties(),
                    result.stakes(),
                    result.seconds(),
                    (result.parties() + result.stakes()) / result.seconds());
            return 0;
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println("import refused: " + e.getMessage());
            return 1;
        }
    }
}
