package io.clearance.api;

import io.clearance.audit.AuditConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The seam where the {@code auditor} role guards the audit trail. With
 * {@code clearance.audit.require-role=true}, every {@code /v1/audit} endpoint and {@code /audit} page answers
 * 403 unless the caller's security context has the role. Clearance has no authentication yet, so the
 * switch is off by default; adding an authentication extension (OIDC, basic) fills the security context
 * and this filter enforces it without further change.
 */
public class AuditAccess {

    static final String ROLE = "auditor";

    private final AuditConfig config;

    AuditAccess(AuditConfig config) {
        this.config = config;
    }

    @ServerRequestFilter
    public Response requireAuditor(ContainerRequestContext request) {
        if (!config.requireRole() || !guarded(request.getUriInfo().getPath())) {
            return null;
        }
        if (request.getSecurityContext() != null && request.getSecurityContext().isUserInRole(ROLE)) {
            return null;
        }
        return Response.status(403)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(
                                403,
                                "auditor-role-required",
                                "Forbidden",
                                "the audit trail is open to the `auditor` role only")
                        .at(request.getUriInfo().getPath()))
                .build();
    }

    static boolean guarded(String path) {
        return path.startsWith("/v1/audit") || path.equals("/audit") || path.startsWith("/audit/");
    }
}
