package io.clearance.health;

import io.clearance.registry.outbox.RegistryFollower;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Ready once the graph, loaded, has caught up with the registry's outbox: an instance that joins a cluster (or
 * comes back) must not decide on a registry older than what other instances already serve.
 */
@ApplicationScoped
public class RegistryFollowProbe implements ReadinessProbe {

    private final RegistryFollower follower;

    RegistryFollowProbe(RegistryFollower follower) {
        this.follower = follower;
    }

    @Override
    public String name() {
        return "registry-follow";
    }

    @Override
    public Result probe() {
        long applied = follower.applied();
        if (applied < 0) {
            return Result.notReady("the registry's changes are not followed yet: the graph is not loaded");
        }
        if (!follower.caughtUp()) {
            return Result.notReady(
                    "catching up with the registry's changes: at version " + applied + " of " + follower.known());
        }
        return Result.ready("caught up with the registry's changes at version " + applied);
    }
}
