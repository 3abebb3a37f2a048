package io.clearance.registry;

import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.registry.outbox.RegistryFollower;
import io.clearance.registry.outbox.RegistryOutbox;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Another instance on the test's database, as far as the registry goes: its own graph, follower and writer
 * (with its own in-process lock), sharing only the database with the application under test.
 */
final class SecondInstance {

    final OwnershipGraph graph = new OwnershipGraph();
    final RegistryFollower follower;
    final RegistryService registry;

    SecondInstance(DataSource dataSource, RegistryOutbox outbox, Duration gapWait, Duration minVersionWait) {
        follower = new RegistryFollower(graph, outbox, new FollowSettings(gapWait, minVersionWait));
        registry = new RegistryService(graph, dataSource, outbox, follower);
        registry.loadGraph();
    }

    SecondInstance(DataSource dataSource, RegistryOutbox outbox) {
        this(dataSource, outbox, Duration.ofHours(1), Duration.ofMillis(50));
    }
}
