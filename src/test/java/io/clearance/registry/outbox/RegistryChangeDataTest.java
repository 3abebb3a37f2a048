package io.clearance.registry.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.clearance.domain.ControlBasis;
import io.clearance.domain.CustomerLink;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** What an outbox row carries reads back as the change written: another instance applies exactly it. */
class RegistryChangeDataTest {

    private static RegistryChange roundTrip(RegistryChange change) {
        return RegistryOutbox.read(
                7, change.kind().name(), change.partyId(), change.otherId(), RegistryOutbox.data(change));
    }

    @Test
    void aPartyReadsBackWithItsResellerFlag() {
        RegistryChange change =
                RegistryChange.partyPut(new PartyInfo("p-1", "Person One", PartyKind.INDIVIDUAL, "FR", "DE"), true);
        assertEquals(change.at(7), roundTrip(change));
    }

    @Test
    void aRangedDatedControllingStakeReadsBackExactly() {
        StakeTerms terms = StakeTerms.between(Share.fromPercent("25"), Share.fromPercent("50"))
                .withControl(EnumSet.of(ControlBasis.BOARD_APPOINTMENT))
                .during(Instant.parse("2024-01-01T00:00:00Z"), null);
        RegistryChange change = RegistryChange.stakePut("owned", "owner", terms);
        assertEquals(change.at(7), roundTrip(change));
    }

    @Test
    void anAlwaysInForceStakeKeepsItsOpenEnds() {
        RegistryChange change =
                RegistryChange.stakePut("owned", "owner", StakeTerms.exact(Share.fromPercent("0.000001")));
        assertEquals(StakeTerms.ALWAYS_FROM, roundTrip(change).terms().validFrom());
        assertEquals(StakeTerms.ALWAYS_TO, roundTrip(change).terms().validTo());
    }

    @Test
    void aCustomerRelationshipReadsBackWithItsDatesAndReference() {
        RegistryChange change = RegistryChange.customerPut(
                new CustomerLink("reseller", "customer", Instant.parse("2025-03-01T12:00:00Z"), null, "contract 42"));
        assertEquals(change.at(7), roundTrip(change));
    }

    @Test
    void deletionsAndReloadsNeedOnlyTheirIds() {
        assertEquals(RegistryChange.stakeDeleted("a", "b").at(7), roundTrip(RegistryChange.stakeDeleted("a", "b")));
        assertEquals(RegistryChange.partyDeleted("a").at(7), roundTrip(RegistryChange.partyDeleted("a")));
        assertNull(RegistryOutbox.data(RegistryChange.reload()));
        assertEquals(RegistryChange.reload().at(7), roundTrip(RegistryChange.reload()));
    }

    @Test
    void aReloadNamesTheImportThatRecordedIt() {
        RegistryChange online = RegistryChange.reload(new RegistryChange.Imported("job-1", "gleif-rr-csv"));
        assertEquals(online.at(7), roundTrip(online));
        RegistryChange offline = RegistryChange.reload(new RegistryChange.Imported(null, "bods"));
        assertEquals(offline.at(7), roundTrip(offline));
    }
}
