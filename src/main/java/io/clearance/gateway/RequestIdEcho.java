package io.clearance.gateway;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Echoes a caller's {@code X-Request-ID} on the answer, as AuthZEN requires of a PDP ("the PDP MUST include
 * the same identifier in the response"), on every endpoint: gateways correlate their logs with it.
 */
public class RequestIdEcho {

    static final String HEADER = "X-Request-ID";

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        String id = request.getHeaderString(HEADER);
        if (id != null && !response.getHeaders().containsKey(HEADER)) {
            response.getHeaders().putSingle(HEADER, id);
        }
    }
}
