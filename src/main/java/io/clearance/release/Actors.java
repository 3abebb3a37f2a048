package io.clearance.release;

import io.clearance.security.CurrentActor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one seam through which a release learns who acts: the actor {@link CurrentActor} names (the API key's
 * or token's actor in a request, {@code system} outside one), recorded in the version history by its id.
 */
@ApplicationScoped
public class Actors {

    private final CurrentActor actor;

    Actors(CurrentActor actor) {
        this.actor = actor;
    }

    /** The caller of the current request. */
    public Actor current() {
        io.clearance.security.Actor who = actor.get();
        return who == null ? Actor.ANONYMOUS : new Actor(who.id());
    }
}
