package io.clearance.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearance.audit.changes.ChangeLog;
import io.clearance.domain.CustomerLink;
import io.clearance.domain.PartyInfo;
import io.clearance.problem.ErrorCode;
import io.clearance.registry.CustomerRegistry;
import io.clearance.registry.RegistryService;
import io.clearance.registry.StakeSpec;
import io.clearance.registry.Upsert;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A reseller's registered customers over HTTP: dated relationships a decision for an instant reads, each
 * change attributed in the change log like every other registry change.
 */
@Path("/v1/parties/{id}/customers")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {

    private final CustomerRegistry customers;
    private final RegistryService registry;
    private final ChangeLog changes;

    CustomerResource(CustomerRegistry customers, RegistryService registry, ChangeLog changes) {
        this.customers = customers;
        this.registry = registry;
        this.changes = changes;
    }

    @GET
    public List<CustomerView> list(@PathParam("id") String resellerId) {
        Instant now = Instant.now();
        return customers.customers(resellerId).stream().map(l -> view(l, now)).toList();
    }

    @GET
    @Path("/{customerId}")
    public CustomerView get(@PathParam("id") String resellerId, @PathParam("customerId") String customerId) {
        return customers
                .get(resellerId, customerId)
                .map(l -> view(l, Instant.now()))
                .orElseThrow(() -> CustomerRegistry.unknownCustomer(resellerId, customerId));
    }

    @PUT
    @Path("/{customerId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(
            @PathParam("id") String resellerId, @PathParam("customerId") String customerId, CustomerBody body) {
        CustomerBody given = body == null ? new CustomerBody(null, null, null) : body;
        CustomerLink link = new CustomerLink(
                resellerId,
                customerId,
                instant("validFrom", given.validFrom()),
                instant("validTo", given.validTo()),
                reference(given.reference()));
        Optional<CustomerLink> before = existing(resellerId, customerId);
        Upsert<CustomerLink> stored = customers.put(link);
        CustomerView after = view(stored.value(), Instant.now());
        changes.record(
                "customer.put",
                target(resellerId, customerId),
                before.map(l -> view(l, Instant.now())).orElse(null),
                after);
        return Response.status(stored.created() ? 201 : 200).entity(after).build();
    }

    @DELETE
    @Path("/{customerId}")
    public Response delete(@PathParam("id") String resellerId, @PathParam("customerId") String customerId) {
        Optional<CustomerLink> before = existing(resellerId, customerId);
        customers.delete(resellerId, customerId);
        changes.record(
                "customer.delete",
                target(resellerId, customerId),
                before.map(l -> view(l, Instant.now())).orElse(null),
                null);
        return Response.noContent().build();
    }

    // The relationship as it stood, for the change log; none when the reseller is unknown (the change then fails).
    private Optional<CustomerLink> existing(String resellerId, String customerId) {
        if (registry.party(resellerId).isEmpty()) {
            return Optional.empty();
        }
        return customers.get(resellerId, customerId);
    }

    private CustomerView view(CustomerLink link, Instant now) {
        return CustomerView.of(
                link, registry.party(link.customerId()).map(PartyInfo::name).orElse(null), now);
    }

    private static String target(String resellerId, String customerId) {
        return "customer:" + resellerId + "->" + customerId;
    }

    private static Instant instant(String field, JsonNode value) {
        return value == null || value.isNull() ? null : StakeSpec.instant(field, value);
    }

    private static String reference(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ProblemException(ErrorCode.INVALID_REFERENCE, "`reference` must be text, such as a contract id");
        }
        TextRules.check("reference", value.textValue());
        return value.textValue();
    }
}
