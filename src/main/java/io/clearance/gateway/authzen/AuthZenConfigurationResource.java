package io.clearance.gateway.authzen;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The AuthZEN Policy Decision Point metadata. {@code policy_decision_point} is the base URL the document is
 * served from, as the specification requires of a PEP's check: the request's own scheme, host and port,
 * or those a trusted proxy forwarded ({@code X-Forwarded-Proto}, {@code X-Forwarded-Host},
 * {@code X-Forwarded-Prefix}; trusted proxies are {@code quarkus.http.proxy.trusted-proxies}).
 */
@Path("/.well-known/authzen-configuration")
public class AuthZenConfigurationResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response configuration(UriInfo uri) {
        String base = uri.getBaseUri().toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        CacheControl cache = new CacheControl();
        cache.setMaxAge(300);
        return Response.ok(AuthZenConfiguration.at(base)).cacheControl(cache).build();
    }
}
