package io.clearance.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.ownership.graph.OwnershipGraph;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code registryVersion} identifies a state of the registry across restarts (issue 11, item 6): it is
 * stored with every change and read by every load, so a server started again on the same database goes on
 * from where it was instead of counting from its own start (it went 52 → 3).
 */
@QuarkusTest
class RegistryVersionTest {

    @Inject
    RegistryService registry;

    @Inject
    OwnershipGraph graph;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void putCompany(String id) {
        registry.putParty(new PartyInfo(id, "Company " + id, PartyKind.COMPANY, "DE", null));
    }

    @Test
    void theGraphNamesTheStoredVersionAndEveryChangeRaisesIt() {
        long before = registry.storedVersion();
        String owner = unique("version-owner");
        String owned = unique("version-owned");
        putCompany(owner);
        putCompany(owned);
        registry.putStake(owned, owner, StakeTerms.exact(Share.fromPercent("30")));
        assertEquals(before + 3, registry.storedVersion());
        assertEquals(registry.storedVersion(), graph.version());
    }

    @Test
    void aRefusedChangeDoesNotRaiseTheVersion() {
        long before = registry.storedVersion();
        String lonely = unique("version-lonely");
        putCompany(lonely);
        try {
            registry.putStake(lonely, lonely, StakeTerms.exact(Share.fromPercent("10")));
        } catch (RegistryRejection expected) {
            // self-ownership is refused; the point is what it leaves behind
        }
        assertEquals(before + 1, registry.storedVersion());
        assertEquals(before + 1, graph.version());
    }

    @Test
    void aRestartedServerGoesOnFromTheStoredVersion() {
        putCompany(unique("version-a"));
        putCompany(unique("version-b"));
        long stored = registry.storedVersion();
        assertTrue(stored >= 2, "two changes at least were stored");

        // What a restart does: a new, empty graph loaded from the same database.
        OwnershipGraph restarted = new OwnershipGraph();
        registry.loadInto(restarted);
        assertEquals(stored, restarted.version());
        assertEquals(graph.partyCount(), restarted.partyCount());

        // And the running graph goes on upwards from there.
        putCompany(unique("version-c"));
        assertEquals(stored + 1, graph.version());
    }
}
