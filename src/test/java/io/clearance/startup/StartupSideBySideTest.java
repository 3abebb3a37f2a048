package io.clearance.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Start-up steps that run side by side both end before the start goes on, and either's failure stops it. */
class StartupSideBySideTest {

    @Test
    void bothStepsRunAtOnceAndEndBeforeTheStartGoesOn() throws Exception {
        // Each waits for the other to have begun: this only ends if they really run side by side.
        CountDownLatch bothBegun = new CountDownLatch(2);
        AtomicReference<Thread> second = new AtomicReference<>();
        AtomicBoolean secondEnded = new AtomicBoolean();

        Startup.sideBySide(
                () -> {
                    bothBegun.countDown();
                    bothBegun.await();
                },
                () -> {
                    second.set(Thread.currentThread());
                    bothBegun.countDown();
                    bothBegun.await();
                    secondEnded.set(true);
                });

        assertTrue(secondEnded.get());
        assertNotEquals(Thread.currentThread(), second.get());
    }

    @Test
    void aFailureOfTheSecondStopsTheStart() {
        IOException broken = new IOException("no demo registry");

        Exception thrown = assertThrows(
                Exception.class,
                () -> Startup.sideBySide(() -> {}, () -> {
                    throw broken;
                }));

        assertSame(broken, thrown);
    }

    @Test
    void aFailureOfTheFirstStopsTheStartOnceTheSecondHasEnded() {
        AtomicBoolean secondEnded = new AtomicBoolean();
        IllegalStateException broken = new IllegalStateException("rules do not compile");

        Exception thrown = assertThrows(
                Exception.class,
                () -> Startup.sideBySide(
                        () -> {
                            throw broken;
                        },
                        () -> secondEnded.set(true)));

        assertSame(broken, thrown);
        assertEquals(true, secondEnded.get());
    }
}
