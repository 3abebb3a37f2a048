package io.clearance.registry;

import io.clearance.ownership.graph.OwnershipGraph;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one ownership graph of the application, filled from the registry at start. */
public class GraphProducer {

    @Produces
    @Singleton
    OwnershipGraph ownershipGraph() {
        return new OwnershipGraph();
    }
}
