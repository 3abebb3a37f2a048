package io.clearance.release;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * The one seam through which a release learns who acts: the request's {@link SecurityIdentity} when an
 * authentication extension provides one and the caller is authenticated, {@link Actor#ANONYMOUS} otherwise.
 */
@ApplicationScoped
public class Actors {

    private final Instance<SecurityIdentity> identity;

    Actors(Instance<SecurityIdentity> identity) {
        this.identity = identity;
    }

    /** The caller of the current request. */
    public Actor current() {
        if (!identity.isResolvable()) {
            return Actor.ANONYMOUS;
        }
        try {
            SecurityIdentity who = identity.get();
            return who == null || who.isAnonymous()
                    ? Actor.ANONYMOUS
                    : new Actor(who.getPrincipal().getName());
        } catch (RuntimeException e) {
            // No request context (a background thread): nobody authenticated asked.
            return Actor.ANONYMOUS;
        }
    }
}
