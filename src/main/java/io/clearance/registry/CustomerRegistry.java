package io.clearance.registry;

import io.clearance.domain.CustomerLink;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.problem.ErrorCode;
import io.clearance.registry.outbox.RegistryChange;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Resellers' customer relationships: validated, committed through the registry's one write path (so they
 * raise the registry's version), then mirrored into the graph's customer book, where decisions read them.
 * A refused change throws {@link RegistryRejection} and changes nothing.
 */
@ApplicationScoped
public class CustomerRegistry {

    private final RegistryService registry;
    private final OwnershipGraph graph;

    CustomerRegistry(RegistryService registry, OwnershipGraph graph) {
        this.registry = registry;
        this.graph = graph;
    }

    /** True when the party is declared a reseller. */
    public boolean isReseller(String partyId) {
        return graph.customers().isReseller(partyId);
    }

    /** Sets the relationship, replacing the one the pair had. Refused unless the reseller is declared one. */
    public Upsert<CustomerLink> put(CustomerLink link) {
        CustomerRules.check(link);
        return registry.write(
                () -> {
                    // Locking the reseller serialises changes to its customers across instances too.
                    PartyEntity reseller = PartyEntity.findById(link.resellerId(), LockModeType.PESSIMISTIC_WRITE);
                    if (reseller == null) {
                        throw RegistryRejection.unknownParty(link.resellerId());
                    }
                    if (PartyEntity.findById(link.customerId()) == null) {
                        throw RegistryRejection.unknownParty(link.customerId());
                    }
                    if (!reseller.reseller) {
                        throw notAReseller(link.resellerId());
                    }
                    CustomerEntity entity =
                            CustomerEntity.findById(new CustomerEntity.Key(link.resellerId(), link.customerId()));
                    boolean created = entity == null;
                    Instant now = Instant.now();
                    if (created) {
                        entity = new CustomerEntity();
                        entity.resellerId = link.resellerId();
                        entity.customerId = link.customerId();
                        entity.createdAt = now;
                    }
                    entity.validFrom = link.validFrom();
                    entity.validTo = link.validTo();
                    entity.reference = link.reference();
                    entity.updatedAt = now;
                    entity.persist();
                    return new Upsert<>(entity.toLink(), created);
                },
                stored -> RegistryChange.customerPut(stored.value()));
    }

    public void delete(String resellerId, String customerId) {
        PartyRules.checkId(resellerId);
        PartyRules.checkId(customerId);
        registry.write(
                () -> {
                    if (PartyEntity.findById(resellerId) == null) {
                        throw RegistryRejection.unknownParty(resellerId);
                    }
                    if (!CustomerEntity.deleteById(new CustomerEntity.Key(resellerId, customerId))) {
                        throw unknownCustomer(resellerId, customerId);
                    }
                    return resellerId;
                },
                ignored -> RegistryChange.customerDeleted(resellerId, customerId));
    }

    /** One relationship as stored. */
    public Optional<CustomerLink> get(String resellerId, String customerId) {
        PartyRules.checkId(resellerId);
        PartyRules.checkId(customerId);
        return QuarkusTransaction.joiningExisting().call(() -> {
            if (PartyEntity.findById(resellerId) == null) {
                throw RegistryRejection.unknownParty(resellerId);
            }
            return Optional.ofNullable(
                            CustomerEntity.<CustomerEntity>findById(new CustomerEntity.Key(resellerId, customerId)))
                    .map(CustomerEntity::toLink);
        });
    }

    /** Every relationship of a reseller as stored, in force or not, by customer id. */
    public List<CustomerLink> customers(String resellerId) {
        PartyRules.checkId(resellerId);
        return QuarkusTransaction.joiningExisting().call(() -> {
            if (PartyEntity.findById(resellerId) == null) {
                throw RegistryRejection.unknownParty(resellerId);
            }
            return CustomerEntity.<CustomerEntity>list("resellerId", resellerId).stream()
                    .map(CustomerEntity::toLink)
                    .sorted(Comparator.comparing(CustomerLink::customerId))
                    .toList();
        });
    }

    public static RegistryRejection notAReseller(String partyId) {
        return new RegistryRejection(
                ErrorCode.NOT_A_RESELLER,
                "party `" + partyId + "` is not declared a reseller: `PUT /v1/parties/" + partyId
                        + "` with `\"reseller\": true` first");
    }

    public static RegistryRejection unknownCustomer(String resellerId, String customerId) {
        return new RegistryRejection(
                ErrorCode.UNKNOWN_CUSTOMER,
                "`" + customerId + "` is not registered as a customer of `" + resellerId + "`");
    }
}
