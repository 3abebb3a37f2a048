package io.clearance.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.problem.ErrorCode;
import io.clearance.registry.outbox.RegistryFollower;
import io.clearance.registry.outbox.RegistryOutbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Two instances write stakes into one company at once, each through its own writer, on one database: the
 * database serialises them (the company's row lock), so the 100% rule holds across instances, every refused
 * stake is refused as over 100% (never a database error), and both graphs end up the same.
 */
@QuarkusTest
class ConcurrentWritersTest {

    private static final int WRITERS = 6;

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

    private static PartyInfo company(String id) {
        return new PartyInfo(id, "Company " + id, PartyKind.COMPANY, "DE", null);
    }

    @Test
    void twoInstancesRacingOnOneCompanyNeverPassOneHundredPercent() throws Exception {
        SecondInstance b = new SecondInstance(dataSource, outbox);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String owned = "race-owned-" + run;
        registry.putParty(company(owned));
        List<String> owners = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            owners.add("race-owner-" + i + "-" + run);
            registry.putParty(company(owners.get(i)));
        }
        b.follower.catchUp();

        // Each writer adds 30%: three fit in 100%, the others must be refused, whoever comes first.
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            RegistryService writer = i % 2 == 0 ? registry : b.registry;
            String owner = owners.get(i);
            outcomes.add(pool.submit(() -> {
                start.await();
                try {
                    writer.putStake(owned, owner, StakeTerms.exact(Share.fromPercent("30")));
                    return true;
                } catch (RegistryRejection refused) {
                    assertEquals(ErrorCode.STAKES_EXCEED_100, refused.errorCode());
                    return false;
                }
            }));
        }
        start.countDown();
        int accepted = 0;
        for (Future<Boolean> outcome : outcomes) {
            if (outcome.get(60, TimeUnit.SECONDS)) {
                accepted++;
            }
        }
        pool.shutdown();

        assertEquals(3, accepted);
        List<Stake> stored = registry.owners(owned);
        assertEquals(3, stored.size());
        long total = stored.stream().mapToLong(s -> s.terms().min()).sum();
        assertTrue(total <= Share.HUNDRED_PERCENT, "stored stakes sum to " + total);

        follower.catchUp();
        b.follower.catchUp();
        assertEquals(ownersIn(graph, owned), ownersIn(b.graph, owned));
        assertEquals(stored.stream().map(Stake::ownerId).sorted().toList(), ownersIn(graph, owned));
    }

    private static List<String> ownersIn(OwnershipGraph graph, String owned) {
        return graph.read(() -> {
            int index = graph.indexOf(owned);
            List<String> owners = new ArrayList<>();
            for (int owner : graph.ownersOf(index)) {
                owners.add(graph.partyAt(owner).id());
            }
            owners.sort(null);
            return owners;
        });
    }
}
