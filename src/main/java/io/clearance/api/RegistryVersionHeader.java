package io.clearance.api;

import io.clearance.registry.RegistryService;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Tells a client which registry version its write raised the registry to ({@code Clearance-Registry-Version}
 * on the answer to a change of parties, stakes or customers): the number to send as a decision's
 * {@code minRegistryVersion}, on any instance, to have the decision see that write.
 */
public class RegistryVersionHeader {

    public static final String HEADER = "Clearance-Registry-Version";

    private final RegistryService registry;

    RegistryVersionHeader(RegistryService registry) {
        this.registry = registry;
    }

    @ServerResponseFilter
    public void tell(ContainerRequestContext request, ContainerResponseContext response) {
        String method = request.getMethod();
        if (method.equals("PUT") || method.equals("DELETE")) {
            // Taken on every such answer, so that a number never outlives its request on this thread.
            registry.takeLastWrite().ifPresent(version -> response.getHeaders().putSingle(HEADER, version));
        }
    }
}
