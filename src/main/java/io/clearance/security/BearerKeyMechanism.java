package io.clearance.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * Reads {@code Authorization: Bearer clr_...} and asks {@link ApiKeyIdentityProvider} who it is. A bearer
 * token of another shape is left to the JWT mechanism ({@code quarkus-smallrye-jwt}), which runs after this
 * one. With authentication disabled, every request is the {@link Actor#LOCAL} caller with every role.
 *
 * <p>Its challenge is the one Clearance answers for any missing or refused credential: 401 with
 * {@code WWW-Authenticate: Bearer} and a problem body.
 */
@ApplicationScoped
public class BearerKeyMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "bearer ";
    private static final String BASIC = "basic ";
    static final String AUDIT_PAGES = "/audit";
    private static final ChallengeData CHALLENGE =
            new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"clearance\"");

    private final AuthConfig config;
    private final SecurityIdentity local;

    BearerKeyMechanism(AuthConfig config) {
        this.config = config;
        this.local = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(Actor.LOCAL.id()))
                .addRoles(Roles.ALL)
                .addAttribute(CurrentActor.ATTRIBUTE, Actor.LOCAL)
                .build();
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (!config.enabled()) {
            return Uni.createFrom().item(local);
        }
        String token = bearerToken(context);
        if (token == null && readsAuditPage(context)) {
            token = basicPassword(context);
        }
        if (token == null || !token.startsWith(ApiKeySecret.PREFIX)) {
            // Not ours: a JWT for the next mechanism, or no credential (anonymous, refused where a role is needed).
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(
                HttpSecurityUtils.setRoutingContextAttribute(new ApiKeyAuthenticationRequest(token), context));
    }

    static String bearerToken(RoutingContext context) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, 7)) {
            return null;
        }
        return header.substring(BEARER.length()).trim();
    }

    /**
     * A browser cannot send a bearer key when it follows a link, but it asks for Basic credentials: the audit
     * pages (GET only, so nothing can be changed that way) take an API key as the Basic password.
     */
    static boolean readsAuditPage(RoutingContext context) {
        String path = context.normalizedPath();
        return (context.request().method() == HttpMethod.GET
                        || context.request().method() == HttpMethod.HEAD)
                && (path.equals(AUDIT_PAGES) || path.startsWith(AUDIT_PAGES + "/"));
    }

    private static String basicPassword(RoutingContext context) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return null;
        }
        try {
            String decoded = new String(
                    Base64.getDecoder().decode(header.substring(BASIC.length()).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(colon + 1);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(CHALLENGE);
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        SecurityProblems.unauthorized(context);
        return Uni.createFrom().item(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }

    @Override
    public int getPriority() {
        // Before the JWT mechanism (1000): a clr_ key is never handed to the JWT parser.
        return 2000;
    }
}
