package io.clearance.registry;

import io.clearance.ClearanceConfig;
import io.clearance.registry.io.RegistryFile;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * At start: seeds an empty registry with the demo data when asked to, then mirrors the registry into the
 * ownership graph, before the application takes requests.
 */
@ApplicationScoped
public class RegistryStartup {

    private static final Logger LOG = Logger.getLogger(RegistryStartup.class);

    private final RegistryService registry;
    private final ClearanceConfig config;

    RegistryStartup(RegistryService registry, ClearanceConfig config) {
        this.registry = registry;
        this.config = config;
    }

    void onStart(@Observes @Priority(10) StartupEvent event) {
        if (config.demoRegistry().enabled() && registry.partyCount() == 0) {
            RegistryData demo = read(config.demoRegistry().source());
            demo.parties().forEach(p -> registry.putParty(p.toInfo()));
            demo.stakes().forEach(s -> registry.putStake(s.owned(), s.owner(), s.terms()));
            LOG.infof(
                    "loaded the demo registry: %d parties, %d stakes",
                    demo.parties().size(), demo.stakes().size());
        }
        registry.loadGraph();
    }

    private static RegistryData read(String source) {
        try {
            Path file = Path.of(source);
            if (Files.isRegularFile(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    return RegistryFile.readData(in);
                }
            }
            try (InputStream in = RegistryStartup.class.getClassLoader().getResourceAsStream(source)) {
                if (in == null) {
                    throw new IOException("no demo registry at `" + source + "`");
                }
                return RegistryFile.readData(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
