package io.clearance.api;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.StakeTerms;
import io.clearance.problem.ErrorCode;
import io.clearance.registry.PartyRules;
import io.clearance.registry.RegistryRejection;
import io.clearance.registry.RegistryService;
import io.clearance.registry.Stake;
import io.clearance.registry.StakeSpec;
import io.clearance.registry.Upsert;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The party registry over HTTP: parties, and the direct stakes their owners hold in them. */
@Path("/v1/parties/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class PartyResource {

    private final RegistryService registry;

    PartyResource(RegistryService registry) {
        this.registry = registry;
    }

    @GET
    public PartyInfo get(@PathParam("id") String id) {
        PartyRules.checkId(id);
        return registry.party(id).orElseThrow(() -> RegistryRejection.unknownParty(id));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("id") String id, PartyBody body) {
        if (body == null) {
            throw new ProblemException(
                    ErrorCode.MISSING_BODY, "the request needs a JSON body with `name`, `kind` and `country`");
        }
        if (body.name() == null) {
            throw new ProblemException(ErrorCode.INVALID_NAME, "`name` is required");
        }
        if (body.country() == null) {
            throw new ProblemException(
                    ErrorCode.INVALID_COUNTRY,
                    "`country` is required, an ISO 3166-1 alpha-2 code such as `CN` or `DE`");
        }
        PartyKind kind = parseKind(body.kind());
        Upsert<PartyInfo> stored =
                registry.putParty(new PartyInfo(id, body.name(), kind, body.country(), body.nationality()));
        return Response.status(stored.created() ? 201 : 200)
                .entity(stored.value())
                .build();
    }

    @DELETE
    public Response delete(
            @PathParam("id") String id, @QueryParam("withStakes") @DefaultValue("false") boolean withStakes) {
        registry.deleteParty(id, withStakes);
        return Response.noContent().build();
    }

    @GET
    @Path("/owners")
    public List<Stake> owners(@PathParam("id") String id) {
        return registry.owners(id);
    }

    @PUT
    @Path("/owners/{ownerId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response putStake(@PathParam("id") String id, @PathParam("ownerId") String ownerId, StakeBody body) {
        if (body == null) {
            throw new ProblemException(
                    ErrorCode.MISSING_BODY, "the request needs a JSON body with `percent`, `control` or both");
        }
        StakeTerms terms = StakeSpec.read(body.percent(), body.control(), body.validFrom(), body.validTo());
        Upsert<Stake> stored = registry.putStake(id, ownerId, terms);
        return Response.status(stored.created() ? 201 : 200)
                .entity(stored.value())
                .build();
    }

    @DELETE
    @Path("/owners/{ownerId}")
    public Response deleteStake(@PathParam("id") String id, @PathParam("ownerId") String ownerId) {
        registry.deleteStake(id, ownerId);
        return Response.noContent().build();
    }

    private static PartyKind parseKind(String kind) {
        return Arrays.stream(PartyKind.values())
                .filter(k -> k.name().equals(kind))
                .findFirst()
                .orElseThrow(() -> new ProblemException(
                        ErrorCode.INVALID_KIND,
                        "kind `" + kind + "` is not one of "
                                + Arrays.stream(PartyKind.values())
                                        .map(k -> "`" + k.name() + "`")
                                        .collect(Collectors.joining(", "))));
    }
}
