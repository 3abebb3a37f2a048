package io.clearance.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.ownership.graph.GraphChangeListener;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.ownership.graph.ReloadChanges;
import io.clearance.ownership.graph.ReloadOrigin;
import io.clearance.registry.identity.Identifier;
import io.clearance.registry.identity.PartyIdentifiers;
import io.clearance.registry.outbox.RegistryChange;
import io.clearance.registry.outbox.RegistryFollower;
import io.clearance.registry.outbox.RegistryOutbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A change committed through one instance reaches every instance's graph, in order: the application under test
 * and a second instance ({@link SecondInstance}) share the database and nothing else. Catching up is called by
 * the test where a wake-up (NOTIFY, the poll) would call it, so nothing here waits on a clock.
 */
@QuarkusTest
class RegistryFollowTest {

    @Inject
    RegistryService registry;

    @Inject
    OwnershipGraph graph;

    @Inject
    RegistryFollower follower;

    @Inject
    RegistryOutbox outbox;

    @Inject
    DataSource dataSource;

    @Inject
    PartyIdentifiers identifiers;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static PartyInfo company(String id) {
        return new PartyInfo(id, "Company " + id, PartyKind.COMPANY, "DE", null);
    }

    private static long percent(String percent) {
        return Share.fromPercent(percent);
    }

    @Test
    void writesOnEitherInstanceReachTheOther() {
        SecondInstance b = new SecondInstance(dataSource, outbox);
        String owner = unique("follow-owner");
        String owned = unique("follow-owned");
        b.registry.putParty(company(owner));
        b.registry.putParty(company(owned));
        b.registry.putStake(owned, owner, StakeTerms.exact(percent("40")));

        follower.catchUp();
        assertEquals(registry.storedVersion(), follower.applied());
        assertEquals(registry.storedVersion(), graph.version());
        assertEquals(company(owned), graph.party(owned).orElseThrow());
        assertEquals(List.of(owner), ownersIn(graph, owned));

        // And back: a change on this instance reaches the second one.
        registry.deleteStake(owned, owner);
        b.follower.catchUp();
        assertEquals(List.of(), ownersIn(b.graph, owned));
        assertEquals(registry.storedVersion(), b.graph.version());
    }

    @Test
    void theIdentifiersOfAPartyStoredElsewhereAreFoundHere() throws SQLException {
        String id = unique("identified");
        Identifier identifier =
                Identifier.of("gb-coh", "RF" + id.substring(id.length() - 6).toUpperCase());
        assertTrue(identifiers.partyOf(identifier).isEmpty());
        // What another instance commits for a party with an identifier: the party, its identifier, its row.
        long seq = takeNumber();
        insertParty(id);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into party_identifier (scheme, id_value, party_id) values (?, ?, ?)")) {
            insert.setString(1, identifier.scheme());
            insert.setString(2, identifier.id());
            insert.setString(3, id);
            insert.executeUpdate();
        }
        insertRow(seq, id);

        follower.catchUp();
        assertEquals(id, identifiers.partyOf(identifier).orElseThrow());
    }

    @Test
    void anInstanceThatMissedManyChangesCatchesUpFromWhereItWas() {
        SecondInstance asleep = new SecondInstance(dataSource, outbox);
        long before = asleep.follower.applied();
        String owned = unique("asleep-owned");
        registry.putParty(company(owned));
        for (int i = 0; i < 5; i++) {
            String owner = unique("asleep-owner-" + i);
            registry.putParty(company(owner));
            registry.putStake(owned, owner, StakeTerms.exact(percent("10")));
        }
        registry.deleteStake(owned, ownersIn(graph, owned).get(0));
        assertEquals(before, asleep.follower.applied(), "it was woken by nothing");

        asleep.follower.catchUp(); // batches of two rows: several reads, in order
        assertEquals(registry.storedVersion(), asleep.follower.applied());
        assertEquals(ownersIn(graph, owned), ownersIn(asleep.graph, owned));
        assertEquals(4, ownersIn(asleep.graph, owned).size());
    }

    @Test
    void aHoleIsWaitedForAndTheRowsAppliedInOrderOnceItFills() throws SQLException {
        SecondInstance c = new SecondInstance(dataSource, outbox); // waits for holes for an hour
        String parent = unique("hole-parent");
        String child = unique("hole-child");
        // The parent's change takes its number first but commits last, as a slow transaction would.
        long parentSeq = takeNumber();
        long childSeq = commitWithRow(child);
        assertEquals(parentSeq + 1, childSeq);

        c.follower.catchUp();
        assertEquals(parentSeq - 1, c.follower.applied(), "the follower stops below the hole");
        assertTrue(c.graph.party(child).isEmpty());
        assertFalse(c.follower.caughtUp());

        insertParty(parent);
        insertRow(parentSeq, parent);
        c.follower.catchUp();
        assertEquals(childSeq, c.follower.applied());
        assertTrue(c.graph.party(parent).isPresent());
        assertTrue(c.graph.party(child).isPresent());
        follower.catchUp(); // leave the application's graph caught up for the tests after this one
    }

    @Test
    void aHoleThatNeverFillsIsMadeGoodByLoadingTheRegistryAgain() throws SQLException {
        SecondInstance d = new SecondInstance(dataSource, outbox, Duration.ZERO, Duration.ofMillis(50));
        String after = unique("hole-after");
        takeNumber(); // a number taken, and no row ever recorded at it
        long afterSeq = commitWithRow(after);

        List<ReloadOrigin> heard = reloadsHeardBy(d.graph);
        d.follower.catchUp();
        assertEquals(afterSeq, d.follower.applied());
        assertTrue(d.graph.party(after).isPresent(), "the reload read the party committed after the hole");
        assertEquals(1, heard.size());
        assertEquals(List.of(), heard.get(0).imports());
        assertEquals(
                "registry changes " + (afterSeq - 1) + " to " + (afterSeq - 1) + " never showed up",
                heard.get(0).reason());
        follower.catchUp();
    }

    @Test
    void anotherInstanceNamesEveryImportItsReloadBroughtIn() throws SQLException {
        SecondInstance g = new SecondInstance(dataSource, outbox);
        List<ReloadOrigin> heard = reloadsHeardBy(g.graph);
        long online;
        long offline;
        try (Connection connection = dataSource.getConnection()) {
            online = outbox.recordReload(connection, new RegistryChange.Imported("job-a", "gleif-rr-csv"));
            offline = RegistryOutbox.recordReload(connection, "import", new RegistryChange.Imported(null, "bods"));
        }

        g.follower.catchUp();
        assertEquals(offline, g.follower.applied());
        assertEquals(1, heard.size(), "one load brought both imports in");
        assertEquals(
                List.of(
                        new ReloadOrigin.Import(online, "job-a", "gleif-rr-csv"),
                        new ReloadOrigin.Import(offline, null, "bods")),
                heard.get(0).imports());
        assertEquals(offline, heard.get(0).registryVersion());
        follower.catchUp();
    }

    // What the graph's listeners hear of each reload: the origin its loader handed over.
    private static List<ReloadOrigin> reloadsHeardBy(OwnershipGraph graph) {
        List<ReloadOrigin> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        graph.addListener(new GraphChangeListener() {
            @Override
            public void changed(Kind kind, List<String> roots) {}

            @Override
            public void reloaded(ReloadChanges changes) {
                heard.add(changes.origin());
            }
        });
        return heard;
    }

    @Test
    void aWaitForAVersionEndsWhenTheGraphGetsThere() throws Exception {
        SecondInstance e = new SecondInstance(dataSource, outbox, Duration.ofHours(1), Duration.ofHours(1));
        long now = e.follower.applied();
        assertTrue(e.follower.reached(now).getNow(false), "a version reached already needs no wait");

        CompletableFuture<Boolean> next = e.follower.reached(now + 1);
        assertFalse(next.isDone());
        registry.putParty(company(unique("awaited")));
        e.follower.catchUp();
        assertTrue(next.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aVersionNotReachedInTheWaitIsAnsweredFalse() throws Exception {
        SecondInstance f = new SecondInstance(dataSource, outbox, Duration.ofHours(1), Duration.ofMillis(20));
        assertFalse(f.follower.reached(f.follower.applied() + 1_000_000).get(10, TimeUnit.SECONDS));
    }

    private static List<String> ownersIn(OwnershipGraph graph, String owned) {
        return graph.read(() -> {
            int index = graph.indexOf(owned);
            List<String> owners = new java.util.ArrayList<>();
            if (index >= 0 && graph.ownersOf(index) != null) {
                for (int owner : graph.ownersOf(index)) {
                    owners.add(graph.partyAt(owner).id());
                }
            }
            owners.sort(null);
            return owners;
        });
    }

    // Raises the registry version and commits, recording no row: a change that has its number and has not
    // committed yet, as far as a reader can tell.
    private long takeNumber() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("update registry_version set version = version + 1 where id = 1");
            try (ResultSet row = statement.executeQuery("select version from registry_version where id = 1")) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    // What another instance commits for a new party, through the outbox's own statements.
    private long commitWithRow(String id) throws SQLException {
        long seq = takeNumber();
        insertParty(id);
        insertRow(seq, id);
        return seq;
    }

    private void insertParty(String id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into party (id, name, kind, country,"
                                + " created_at, updated_at) values (?, ?, 'COMPANY', 'DE', current_timestamp, current_timestamp)")) {
            insert.setString(1, id);
            insert.setString(2, "Company " + id);
            insert.executeUpdate();
        }
    }

    private void insertRow(long seq, String id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into registry_change (seq, kind,"
                        + " party_id, instance_id, recorded_at, data) values (?, 'PARTY_PUT', ?, 'test-instance-c',"
                        + " current_timestamp, ?)")) {
            insert.setLong(1, seq);
            insert.setString(2, id);
            insert.setString(
                    3,
                    "{\"party\":{\"id\":\"" + id + "\",\"name\":\"Company " + id
                            + "\",\"kind\":\"COMPANY\",\"country\":\"DE\"},\"reseller\":false}");
            insert.executeUpdate();
        }
    }
}
