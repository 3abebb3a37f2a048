package io.clearance.api;

import io.clearance.audit.changes.ChangeLog;
import io.clearance.problem.ErrorCode;
import io.clearance.security.ApiKey;
import io.clearance.security.ApiKeyIdentityProvider;
import io.clearance.security.ApiKeySecret;
import io.clearance.security.ApiKeyStore;
import io.clearance.security.CurrentActor;
import io.clearance.security.Roles;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * API keys, for admins: create one (its key is in this answer only), list them without secrets, revoke one
 * (refused from the next request on). Every change goes to the change log.
 */
@Path("/v1/admin/api-keys")
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    private final ApiKeyStore store;
    private final CurrentActor actor;
    private final ChangeLog changes;

    ApiKeyResource(ApiKeyStore store, CurrentActor actor, ChangeLog changes) {
        this.store = store;
        this.actor = actor;
        this.changes = changes;
    }

    /** The body of {@code POST /v1/admin/api-keys}. */
    public record NewKey(String name, List<String> roles, String expiresAt) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewKey body) {
        if (body == null) {
            throw new ProblemException(ErrorCode.MISSING_BODY, "the request needs a JSON body with `name` and `roles`");
        }
        if (body.name() == null || body.name().isBlank() || body.name().length() > 128) {
            throw new ProblemException(ErrorCode.INVALID_NAME, "`name` must be 1 to 128 characters, not blank");
        }
        TextRules.check("name", body.name());
        if (body.roles() == null || body.roles().isEmpty()) {
            throw new ProblemException(ErrorCode.INVALID_ROLES, "`roles` must name at least one of " + roleList());
        }
        Set<String> roles = new TreeSet<>();
        for (String role : body.roles()) {
            if (role == null || !Roles.ALL.contains(role)) {
                throw new ProblemException(
                        ErrorCode.INVALID_ROLES, "role `" + TextRules.shown(role) + "` is not one of " + roleList());
            }
            roles.add(role);
        }
        Instant expiresAt = null;
        if (body.expiresAt() != null) {
            try {
                expiresAt = Instant.parse(body.expiresAt());
            } catch (DateTimeParseException e) {
                throw new ProblemException(
                        ErrorCode.INVALID_EXPIRES_AT,
                        "`expiresAt` must be an ISO-8601 instant such as `2027-01-01T00:00:00Z`");
            }
            if (!expiresAt.isAfter(Instant.now())) {
                throw new ProblemException(ErrorCode.INVALID_EXPIRES_AT, "`expiresAt` must be in the future");
            }
        }
        ApiKeySecret.Generated generated = ApiKeySecret.generate();
        ApiKey stored = store.create(
                generated.id(),
                generated.key(),
                body.name(),
                roles,
                expiresAt,
                actor.get().id());
        changes.record("api-key.create", "api-key:" + stored.id(), null, ApiKeyView.of(stored));
        ApiKeyView.Created answer = new ApiKeyView.Created(
                stored.id(),
                stored.name(),
                new TreeSet<>(stored.roles()),
                stored.expiresAt() == null ? null : stored.expiresAt().toString(),
                generated.key());
        return Response.created(URI.create("/v1/admin/api-keys/" + stored.id()))
                .entity(answer)
                .build();
    }

    @GET
    public ApiKeyView.Listed list() {
        return new ApiKeyView.Listed(store.all().stream().map(ApiKeyView::of).toList());
    }

    @DELETE
    @Path("/{id}")
    public Response revoke(@PathParam("id") String id) {
        if (ApiKeyIdentityProvider.ENVIRONMENT_KEY_ID.equals(id)) {
            throw new ProblemException(
                    ErrorCode.ENVIRONMENT_KEY,
                    "the admin key from `CLEARANCE_ADMIN_KEY` is not stored: remove it from the environment and restart");
        }
        ApiKey before = store.find(id).orElseThrow(() -> unknown(id));
        if (before.revokedAt() == null) {
            ApiKey after = store.revoke(id, actor.get().id()).orElseThrow(() -> unknown(id));
            changes.record("api-key.revoke", "api-key:" + id, ApiKeyView.of(before), ApiKeyView.of(after));
        }
        return Response.noContent().build();
    }

    private static ProblemException unknown(String id) {
        return new ProblemException(ErrorCode.UNKNOWN_API_KEY, "no API key `" + TextRules.shown(id) + "`");
    }

    private static String roleList() {
        return new TreeSet<>(Roles.ALL)
                .stream().map(r -> "`" + r + "`").reduce((a, b) -> a + ", " + b).orElse("");
    }
}
