package io.clearance.authoring;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.clearance.registry.RegistryRejection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Reads every {@code *.yaml} / {@code *.yml} scenario file below a folder, strictly: a misspelt key is an error. */
public final class ScenarioLoader {

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /**
     * @throws ScenarioException naming the file, when a file cannot be read or does not follow the format
     */
    public List<Scenario> load(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Scenario> scenarios = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(ScenarioLoader::isScenario)
                    .sorted(Comparator.naturalOrder())
                    .toList()) {
                String name = folder.relativize(file).toString().replace('\\', '/');
                scenarios.add(parse(name, Files.readString(file)));
            }
        } catch (IOException e) {
            throw new ScenarioException(folder.toString(), "cannot read: " + e.getMessage());
        }
        return List.copyOf(scenarios);
    }

    public Scenario parse(String name, String content) {
        try {
            Scenario scenario = yaml.readValue(content, Scenario.class);
            if (scenario == null || scenario.cases().isEmpty()) {
                throw new ScenarioException(name, "has no `cases`");
            }
            return scenario.inFile(name);
        } catch (IOException e) {
            if (e.getCause() instanceof RegistryRejection rejection) {
                // A value the format reads itself, such as a request's `at`: its own message says it best.
                throw new ScenarioException(name, "does not follow the scenario format: " + rejection.getMessage());
            }
            String message = e.getMessage() == null
                    ? e.toString()
                    : e.getMessage().lines().findFirst().orElse("");
            throw new ScenarioException(name, "does not follow the scenario format: " + message);
        }
    }

    private static boolean isScenario(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }
}
