package io.clearance.security;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The seam through which anything that records a change or a decision learns who asked: inject it and call
 * {@link #get()}. Inside an HTTP request it names the authenticated caller; outside one (start-up, the
 * rules watcher, a background task) it answers {@link Actor#SYSTEM}.
 */
@ApplicationScoped
public class CurrentActor {

    /** The identity attribute under which {@link ApiKeyIdentityProvider} leaves the key's actor. */
    static final String ATTRIBUTE = "clearance.actor";

    private final Instance<SecurityIdentity> identity;

    CurrentActor(Instance<SecurityIdentity> identity) {
        this.identity = identity;
    }

    public Actor get() {
        if (!Arc.container().requestContext().isActive()) {
            return Actor.SYSTEM;
        }
        return of(identity.get());
    }

    /** The actor of {@code identity}, for code on the router, where no request scope tells it. */
    public static Actor of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return Actor.ANONYMOUS;
        }
        Object actor = identity.getAttribute(ATTRIBUTE);
        if (actor instanceof Actor known) {
            return known;
        }
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null) {
            return Actor.jwt(token.getSubject());
        }
        return Actor.jwt(identity.getPrincipal().getName());
    }
}
