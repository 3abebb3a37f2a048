package io.clearance.operations;

import io.clearance.ownership.graph.OwnershipGraph;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The registry's size as the decisions see it (the in-memory graph): {@code clearance_registry_parties},
 * {@code clearance_registry_stakes} and {@code clearance_registry_version}, read when Prometheus scrapes.
 */
@Startup
@ApplicationScoped
public class RegistryMetrics {

    RegistryMetrics(MeterRegistry registry, OwnershipGraph graph) {
        Gauge.builder("clearance.registry.parties", graph, OwnershipGraph::partyCount)
                .description("Parties in the registry")
                .register(registry);
        Gauge.builder("clearance.registry.stakes", graph, OwnershipGraph::stakeCount)
                .description("Stakes in the registry, in force or not")
                .register(registry);
        Gauge.builder("clearance.registry.version", graph, OwnershipGraph::version)
                .description("Registry version the next decision reads (one more per change)")
                .register(registry);
    }
}
