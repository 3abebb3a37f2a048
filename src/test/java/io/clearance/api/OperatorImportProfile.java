package io.clearance.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs the application as an operator may set imports up: by server-side {@code path} under a directory of its
 * own, and with a precedence of sources other than the default one (BODS over GLEIF).
 */
public class OperatorImportProfile implements QuarkusTestProfile {

    static final Path DIRECTORY = directory();
    static final String PRECEDENCE = "api,bods,gleif,uk-psc,opensanctions";

    private static Path directory() {
        try {
            return Files.createTempDirectory("clearance-import-directory");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("clearance.import.directory", DIRECTORY.toString(), "clearance.import.precedence", PRECEDENCE);
    }
}
