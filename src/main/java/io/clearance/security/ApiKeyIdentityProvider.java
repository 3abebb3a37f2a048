package io.clearance.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Turns a bearer key into an identity with the key's roles: the operator's key from the environment, or a
 * stored key that is neither revoked nor expired. Anything else fails authentication (401); it never falls
 * back to an anonymous caller.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    /** The id under which the environment's admin key appears in the trail ({@code key:env}). */
    public static final String ENVIRONMENT_KEY_ID = "env";

    private static final Logger LOG = Logger.getLogger(ApiKeyIdentityProvider.class);

    private final ApiKeyStore store;
    private final Optional<String> environmentKeyHash;
    private final SecurityIdentity environmentIdentity;

    ApiKeyIdentityProvider(ApiKeyStore store, AuthConfig config) {
        this.store = store;
        this.environmentKeyHash = config.adminKey().map(ApiKeySecret::hash);
        // Immutable and the same for every request the operator's key makes: built once.
        this.environmentIdentity = identity(Actor.apiKey(ENVIRONMENT_KEY_ID), Set.of(Roles.ADMIN));
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        if (store.loaded()) {
            return Uni.createFrom().item(() -> identify(request.key()));
        }
        // Only before start-up has read the keys: reading the table blocks, so not on the event loop.
        return context.runBlocking(() -> {
            store.load();
            return identify(request.key());
        });
    }

    SecurityIdentity identify(String key) {
        if (environmentKeyHash.isPresent() && ApiKeySecret.matches(key, environmentKeyHash.get())) {
            return environmentIdentity;
        }
        Optional<String> id = ApiKeySecret.idOf(key);
        Optional<ApiKey> stored = id.flatMap(store::find);
        if (stored.isEmpty() || !ApiKeySecret.matches(key, stored.get().secretHash())) {
            LOG.debugf(
                    "refused an unknown API key%s",
                    id.map(i -> " (id " + i + ")").orElse(""));
            throw new AuthenticationFailedException("unknown API key");
        }
        ApiKey found = stored.get();
        if (!found.usableAt(Instant.now())) {
            LOG.infof("refused API key %s: %s", found.id(), found.revokedAt() != null ? "revoked" : "expired");
            throw new AuthenticationFailedException("API key revoked or expired");
        }
        return identity(Actor.apiKey(found.id()), found.roles());
    }

    private static SecurityIdentity identity(Actor actor, Set<String> roles) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(actor.id()))
                .addRoles(roles)
                .addAttribute(CurrentActor.ATTRIBUTE, actor)
                .build();
    }
}
