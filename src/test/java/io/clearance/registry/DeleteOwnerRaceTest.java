package io.clearance.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.problem.ErrorCode;
import io.clearance.registry.outbox.RegistryOutbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * One instance deletes a party while another writes a stake it holds, at once, on one database: each either
 * succeeds or is refused with a clean code (the stake's owner unknown, or the party holding a stake), never a
 * foreign-key failure; and the registry ends consistent (no stake without its owner).
 */
@QuarkusTest
class DeleteOwnerRaceTest {

    private static final int ROUNDS = 8;
    private static final Set<ErrorCode> CLEAN = Set.of(ErrorCode.UNKNOWN_PARTY, ErrorCode.PARTY_HAS_STAKES);

    @Inject
    RegistryService registry;

    @Inject
    RegistryOutbox outbox;

    @Inject
    DataSource dataSource;

    @Test
    void aDeleteAndAStakeNamingTheOwnerNeverFailOnTheDatabase() throws Exception {
        SecondInstance b = new SecondInstance(dataSource, outbox);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String suffix = UUID.randomUUID().toString().substring(0, 8);
                String owner = "race-deleted-" + suffix;
                String owned = "race-held-" + suffix;
                registry.putParty(company(owner));
                registry.putParty(company(owned));
                CyclicBarrier start = new CyclicBarrier(2);
                Future<ErrorCode> deleted =
                        threads.submit(() -> outcome(start, () -> registry.deleteParty(owner, false)));
                Future<ErrorCode> staked = threads.submit(() -> outcome(
                        start, () -> b.registry.putStake(owned, owner, StakeTerms.exact(Share.fromPercent("10")))));
                ErrorCode deleteOutcome = deleted.get(60, TimeUnit.SECONDS);
                ErrorCode stakeOutcome = staked.get(60, TimeUnit.SECONDS);
                // Exactly one wins: the delete (the stake then names an unknown party) or the stake (the party
                // then holds it).
                assertTrue(
                        (deleteOutcome == null && stakeOutcome == ErrorCode.UNKNOWN_PARTY)
                                || (stakeOutcome == null && deleteOutcome == ErrorCode.PARTY_HAS_STAKES),
                        "delete: " + deleteOutcome + ", stake: " + stakeOutcome);
                assertEquals(
                        stakeOutcome == null ? 1 : 0, registry.owners(owned).size());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** null when the write went through; its code when refused; anything else fails the test. */
    private static ErrorCode outcome(CyclicBarrier start, Runnable write) throws Exception {
        start.await(60, TimeUnit.SECONDS);
        try {
            write.run();
            return null;
        } catch (RegistryRejection refused) {
            assertTrue(CLEAN.contains(refused.errorCode()), refused.errorCode() + ": " + refused.getMessage());
            return refused.errorCode();
        }
    }

    private static PartyInfo company(String id) {
        return new PartyInfo(id, "Company " + id, PartyKind.COMPANY, "DE", null);
    }
}
