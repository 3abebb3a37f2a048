package io.clearance.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.registry.outbox.RegistryOutbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The outbox is pruned to its retention (the newest rows by count, the young ones by age), idempotently, and
 * an instance that slept through the pruned rows finds the hole they left and loads the whole registry again,
 * so its graph ends where the registry is.
 */
@QuarkusTest
class OutboxPruneTest {

    @Inject
    RegistryService registry;

    @Inject
    OwnershipGraph graph;

    @Inject
    RegistryOutbox outbox;

    @Inject
    DataSource dataSource;

    @Test
    void rowsPastRetentionGoOnceAndYoungOrNewestOnesStay() throws SQLException {
        writeSome("kept", 3);
        long version = registry.storedVersion();
        assertTrue(rows() > 3);

        assertEquals(0, outbox.prune(2, Duration.ofHours(1), 3), "every row is younger than an hour");
        long deleted = outbox.prune(2, Duration.ZERO, 3); // slices of three sequence numbers
        assertTrue(deleted > 0);
        assertEquals(version - 1, oldest(), "only the newest two stay");
        assertEquals(2, rows());
        assertEquals(0, outbox.prune(2, Duration.ZERO, 3), "a second prune finds nothing to delete");
        assertEquals(1, outbox.prune(0, Duration.ZERO, 3), "keep-rows 0 still keeps the newest row");
        assertEquals(version, oldest());
    }

    @Test
    void anInstanceBehindThePrunedRowsLoadsTheRegistryAgainWithoutWaiting() throws SQLException {
        // gap-wait of an hour: a hole that pruning made is known never to fill, so it is not waited for.
        SecondInstance asleep = new SecondInstance(dataSource, outbox, Duration.ofHours(1), Duration.ofMillis(50));
        long before = asleep.follower.applied();
        String owned = writeSome("asleep", 4);
        outbox.prune(1, Duration.ZERO, 10_000);
        assertTrue(oldest() > before + 1, "the rows the sleeper needs are gone");
        assertEquals(oldest() - 1, outbox.prunedThrough(), "the pruning says how far rows are gone");

        asleep.follower.catchUp(); // one pass: the hole is at or below the pruned mark, so loaded again at once
        assertTrue(asleep.follower.caughtUp());
        assertEquals(registry.storedVersion(), asleep.follower.applied());
        assertEquals(ownersIn(graph, owned), ownersIn(asleep.graph, owned));
        assertEquals(4, ownersIn(asleep.graph, owned).size());
    }

    /** A party with {@code owners} stakes, each owner a party of its own: several outbox rows. */
    private String writeSome(String prefix, int owners) {
        String owned = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        registry.putParty(company(owned));
        for (int i = 0; i < owners; i++) {
            String owner = owned + "-owner-" + i;
            registry.putParty(company(owner));
            registry.putStake(owned, owner, StakeTerms.exact(Share.fromPercent("10")));
        }
        return owned;
    }

    private static PartyInfo company(String id) {
        return new PartyInfo(id, "Company " + id, PartyKind.COMPANY, "DE", null);
    }

    private long rows() throws SQLException {
        return single("select count(*) from registry_change");
    }

    private long oldest() throws SQLException {
        return single("select min(seq) from registry_change");
    }

    private long single(String query) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static List<String> ownersIn(OwnershipGraph graph, String owned) {
        return graph.read(() -> {
            int index = graph.indexOf(owned);
            List<String> owners = new ArrayList<>();
            if (index >= 0 && graph.ownersOf(index) != null) {
                for (int owner : graph.ownersOf(index)) {
                    owners.add(graph.partyAt(owner).id());
                }
            }
            owners.sort(null);
            return owners;
        });
    }
}
