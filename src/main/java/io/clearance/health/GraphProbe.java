package io.clearance.health;

import io.clearance.registry.RegistryService;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Ready once the ownership graph was loaded from the registry: before that, every decision would read an
 * empty registry and permit what it should deny. Reads the graph (its size and version) to say so.
 */
@ApplicationScoped
public class GraphProbe implements ReadinessProbe {

    private final RegistryService registry;

    GraphProbe(RegistryService registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return "ownership-graph";
    }

    @Override
    public Result probe() {
        if (!registry.graphLoaded()) {
            return Result.notReady("the registry is not loaded into the ownership graph yet");
        }
        return Result.ready(registry.graphSummary());
    }
}
