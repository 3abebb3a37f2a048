package io.clearance.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clearance.problem.ErrorCode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bounds of the authoring endpoints' work (issue 11, item 5), without HTTP: two runs at most, a run
 * stopped when its client goes, when its budget is spent, and when the server stops; and a stopped run
 * gives its place back only once its work has ended.
 */
class AuthoringWorkTest {

    private AuthoringWork work = work(Duration.ofMinutes(5));

    private static AuthoringWork work(Duration budget) {
        return new AuthoringWork(
                new AuthoringLimitsConfig() {
                    @Override
                    public int maxConcurrent() {
                        return 2;
                    }

                    @Override
                    public Duration timeBudget() {
                        return budget;
                    }
                },
                null);
    }

    @AfterEach
    void stop() {
        work.stopAll();
    }

    /** Work that runs until it is stopped, checking its budget as impact does per party. */
    private static String untilStopped(AuthoringWork.Budget budget) {
        while (true) {
            budget.check();
            Thread.onSpinWait();
        }
    }

    private CompletableFuture<String> inBackground(BooleanSupplier clientGone) {
        return CompletableFuture.supplyAsync(() -> work.run("impact", clientGone, AuthoringWorkTest::untilStopped));
    }

    private void awaitInProgress(int count) throws InterruptedException {
        while (work.inProgress() != count) {
            Thread.sleep(5);
        }
    }

    private static ProblemException problemOf(CompletableFuture<?> run) {
        ExecutionException failed = assertThrows(ExecutionException.class, run::get);
        return (ProblemException) failed.getCause();
    }

    @Test
    void aThirdRunIsBusyWhileTwoAreInProgress() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first =
                CompletableFuture.supplyAsync(() -> work.run("validate", () -> false, budget -> await(release)));
        CompletableFuture<String> second =
                CompletableFuture.supplyAsync(() -> work.run("impact", () -> false, budget -> await(release)));
        awaitInProgress(2);

        ProblemException busy =
                assertThrows(ProblemException.class, () -> work.run("test", () -> false, budget -> "ran"));
        assertEquals(429, busy.problem().status());
        assertEquals("busy", busy.problem().code());

        release.countDown();
        assertEquals("done", first.get());
        assertEquals("done", second.get());
        assertEquals("ran", work.run("test", () -> false, budget -> "ran"));
    }

    @Test
    void aRunIsStoppedWhenItsClientGoesAwayAndGivesItsPlaceBack() throws Exception {
        AtomicBoolean gone = new AtomicBoolean();
        CompletableFuture<String> run = inBackground(gone::get);
        awaitInProgress(1);
        gone.set(true);
        assertEquals("cancelled", problemOf(run).problem().code());
        awaitInProgress(0);
    }

    @Test
    void aRunPastItsBudgetIsStopped() throws Exception {
        work = work(Duration.ofMillis(50));
        ProblemException spent = problemOf(inBackground(() -> false));
        assertEquals(503, spent.problem().status());
        assertEquals("budget-exceeded", spent.problem().code());
        awaitInProgress(0);
    }

    @Test
    void stoppingTheServerStopsEveryRun() throws Exception {
        CompletableFuture<String> first = inBackground(() -> false);
        CompletableFuture<String> second = inBackground(() -> false);
        awaitInProgress(2);
        work.stopAll();
        assertEquals("cancelled", problemOf(first).problem().code());
        assertEquals("cancelled", problemOf(second).problem().code());
        awaitInProgress(0);
    }

    @Test
    void aFailureOfTheWorkIsItsOwn() {
        ProblemException refused = new ProblemException(ErrorCode.RULE_SET_REJECTED, "no");
        assertEquals(
                refused,
                assertThrows(
                        ProblemException.class,
                        () -> work.run("validate", () -> false, budget -> {
                            throw refused;
                        })));
        assertEquals(0, work.inProgress());
    }

    private static String await(CountDownLatch latch) {
        try {
            latch.await();
            return "done";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
