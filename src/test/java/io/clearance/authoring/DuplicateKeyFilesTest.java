package io.clearance.authoring;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.registry.io.RegistryFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key written twice in a file an author or operator writes is refused, as it is over HTTP: YAML and
 * JSON both keep the last value silently otherwise, so a second {@code onBehalfOf:} or {@code percent:}
 * would quietly change what a scenario tests or what the registry holds.
 */
class DuplicateKeyFilesTest {

    @Test
    void aScenarioWithAKeyTwiceIsRefusedNamingItsFile(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("twice.yaml"), """
                description: a case whose request names onBehalfOf twice
                parties:
                  - {id: a, name: A, kind: COMPANY, country: DE}
                cases:
                  - name: the reseller check
                    request: {subject: a, action: api.access, onBehalfOf: a, onBehalfOf: b}
                    expect: {decision: PERMIT, rules: []}
                """);
        ScenarioException refused = assertThrows(ScenarioException.class, () -> new ScenarioLoader().load(folder));
        assertTrue(refused.getMessage().contains("twice.yaml"), refused.getMessage());
        assertTrue(refused.getMessage().contains("onBehalfOf"), refused.getMessage());
    }

    @Test
    void aRegistryFileWithAKeyTwiceIsRefused() {
        String yaml = """
                parties:
                  - {id: a, name: A, kind: COMPANY, country: DE, country: CN}
                """;
        IOException refused = assertThrows(
                IOException.class,
                () -> RegistryFile.readData(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))));
        assertTrue(refused.getMessage().contains("Duplicate field 'country'"), refused.getMessage());
    }
}
