package io.clearance.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.domain.CustomerLink;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.registry.outbox.RegistryChange;
import io.clearance.registry.outbox.RegistryOutbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every registry change is recorded in the outbox in its own transaction, at the registry version it raises
 * the registry to: one row per committed change, none for a change that did not commit.
 */
@QuarkusTest
class RegistryOutboxTest {

    @Inject
    RegistryService registry;

    @Inject
    CustomerRegistry customers;

    @Inject
    RegistryOutbox outbox;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static PartyInfo company(String id) {
        return new PartyInfo(id, "Company " + id, PartyKind.COMPANY, "DE", null);
    }

    @Test
    void eachCommittedChangeIsOneRowAtTheVersionItRaised() throws SQLException {
        long before = registry.storedVersion();
        String owner = unique("outbox-owner");
        String owned = unique("outbox-owned");
        registry.putParty(company(owner), true);
        registry.putParty(company(owned));
        StakeTerms terms = StakeTerms.between(Share.fromPercent("10"), Share.fromPercent("20"));
        registry.putStake(owned, owner, terms);
        CustomerLink link = new CustomerLink(owner, owned, Instant.parse("2025-01-01T00:00:00Z"), null, "c-1");
        customers.put(link);
        customers.delete(owner, owned);
        registry.deleteStake(owned, owner);
        registry.deleteParty(owned, false);

        List<RegistryChange> rows = outbox.after(before, 100);
        assertEquals(
                List.of(
                        RegistryChange.partyPut(company(owner), true),
                        RegistryChange.partyPut(company(owned), false),
                        RegistryChange.stakePut(owned, owner, terms),
                        RegistryChange.customerPut(link),
                        RegistryChange.customerDeleted(owner, owned),
                        RegistryChange.stakeDeleted(owned, owner),
                        RegistryChange.partyDeleted(owned)),
                rows.stream().map(RegistryOutboxTest::withoutSeq).toList());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(before + 1 + i, rows.get(i).seq(), "the outbox numbers changes as the version counts them");
        }
        assertEquals(before + rows.size(), registry.storedVersion());
    }

    @Test
    void aTransactionThatFailsAfterRecordingLeavesNoRowAndNoVersion() throws SQLException {
        long before = registry.storedVersion();
        String id = unique("outbox-rolled-back");
        assertThrows(
                IllegalStateException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    PartyEntity entity = new PartyEntity();
                    entity.id = id;
                    entity.name = "Never";
                    entity.kind = PartyKind.COMPANY;
                    entity.country = "DE";
                    entity.createdAt = Instant.now();
                    entity.updatedAt = entity.createdAt;
                    entity.fromApi();
                    entity.persist();
                    outbox.record(RegistryChange.partyPut(entity.toInfo(), false));
                    throw new IllegalStateException("the change fails after its row was written");
                }));
        assertEquals(List.of(), outbox.after(before, 10));
        assertEquals(before, registry.storedVersion());
        assertTrue(registry.party(id).isEmpty());
    }

    @Test
    void aRefusedChangeLeavesNoRow() throws SQLException {
        String owned = unique("outbox-full");
        String first = unique("outbox-first");
        String second = unique("outbox-second");
        registry.putParty(company(owned));
        registry.putParty(company(first));
        registry.putParty(company(second));
        registry.putStake(owned, first, StakeTerms.exact(Share.fromPercent("60")));
        long before = registry.storedVersion();
        assertThrows(
                RegistryRejection.class,
                () -> registry.putStake(owned, second, StakeTerms.exact(Share.fromPercent("50"))));
        assertEquals(List.of(), outbox.after(before, 10));
        assertEquals(before, registry.storedVersion());
    }

    private static RegistryChange withoutSeq(RegistryChange row) {
        return new RegistryChange(
                0,
                row.kind(),
                row.partyId(),
                row.otherId(),
                row.party(),
                row.reseller(),
                row.terms(),
                row.link(),
                row.imported());
    }
}
