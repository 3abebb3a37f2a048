package io.clearance.api;

import io.clearance.audit.changes.ChangeLog;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.StakeTerms;
import io.clearance.problem.ErrorCode;
import io.clearance.registry.CustomerRegistry;
import io.clearance.registry.PartyRules;
import io.clearance.registry.RegistryRejection;
import io.clearance.registry.RegistryService;
import io.clearance.registry.Stake;
import io.clearance.registry.StakeSpec;
import io.clearance.registry.Upsert;
import io.clearance.registry.identity.PartyIdentifiers;
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
import java.util.Optional;
import java.util.stream.Collectors;

/** The party registry over HTTP: parties, and the direct stakes their owners hold in them. */
@Path("/v1/parties/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class PartyResource {

    private final RegistryService registry;
    private final ChangeLog changes;
    private final PartyIdentifiers identifiers;

    private final CustomerRegistry resellers;

    PartyResource(
            RegistryService registry, ChangeLog changes, PartyIdentifiers identifiers, CustomerRegistry resellers) {
        this.registry = registry;
        this.changes = changes;
        this.identifiers = identifiers;
        this.resellers = resellers;
    }

    @GET
    public PartyView get(@PathParam("id") String id) {
        PartyRules.checkId(id);
        return view(registry.party(id).orElseThrow(() -> RegistryRejection.unknownParty(id)));
    }

    private PartyView view(PartyInfo party) {
        return PartyView.of(party, resellers, identifiers.of(party.id()));
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
        TextRules.check("name", body.name());
        PartyKind kind = parseKind(body.kind());
        Boolean reseller = PartyView.reseller(body.reseller());
        PartyInfo party = new PartyInfo(id, body.name(), kind, body.country(), body.nationality());
        Optional<PartyView> before = registry.party(id).map(this::view);
        Upsert<PartyInfo> stored = body.identifiers() == null
                ? registry.putParty(party, reseller)
                : identifiers.putParty(
                        party,
                        reseller,
                        body.identifiers().stream()
                                .map(b -> b == null ? IdentifierBody.NONE.read() : b.read())
                                .toList());
        PartyView after = view(stored.value());
        changes.record("party.put", "party:" + id, before.orElse(null), after);
        return Response.status(stored.created() ? 201 : 200).entity(after).build();
    }

    @DELETE
    public Response delete(
            @PathParam("id") String id, @QueryParam("withStakes") @DefaultValue("false") boolean withStakes) {
        Optional<PartyInfo> party = registry.party(id);
        PartyDeletion before =
                new PartyDeletion(party.orElse(null), party.isPresent() ? registry.owners(id) : null, withStakes);
        registry.deleteParty(id, withStakes);
        changes.record("party.delete", "party:" + id, before, null);
        return Response.noContent().build();
    }

    /**
     * What the change log keeps of a deleted party: the party and its owners as they were (both absent when
     * there was no such party), and whether its stakes went with it.
     */
    public record PartyDeletion(PartyInfo party, List<Stake> owners, boolean withStakes) {}

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
        Optional<Stake> before = stakeOf(id, ownerId);
        Upsert<Stake> stored = registry.putStake(id, ownerId, terms);
        changes.record("stake.put", stakeTarget(id, ownerId), before.orElse(null), stored.value());
        return Response.status(stored.created() ? 201 : 200)
                .entity(stored.value())
                .build();
    }

    @DELETE
    @Path("/owners/{ownerId}")
    public Response deleteStake(@PathParam("id") String id, @PathParam("ownerId") String ownerId) {
        Optional<Stake> before = stakeOf(id, ownerId);
        registry.deleteStake(id, ownerId);
        changes.record("stake.delete", stakeTarget(id, ownerId), before.orElse(null), null);
        return Response.noContent().build();
    }

    // The stake as it stood, for the change log; none when either party is unknown (the change then fails).
    private Optional<Stake> stakeOf(String ownedId, String ownerId) {
        if (registry.party(ownedId).isEmpty()) {
            return Optional.empty();
        }
        return registry.owners(ownedId).stream()
                .filter(s -> s.ownerId().equals(ownerId))
                .findFirst();
    }

    private static String stakeTarget(String ownedId, String ownerId) {
        return "stake:" + ownerId + "->" + ownedId;
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
