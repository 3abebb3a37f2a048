package io.clearance.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An instance's id names its audit chain: kept across restarts of the same instance, never shared by two
 * processes on one data folder, never silently changed under a folder that already belongs to another id.
 */
class InstanceIdTest {

    @TempDir
    Path dir;

    @Test
    void aGeneratedIdIsKeptAcrossRestartsOfTheSameInstance() {
        String first;
        try (InstanceId claimed = InstanceId.claim(Optional.empty(), dir)) {
            first = claimed.id();
        }
        try (InstanceId again = InstanceId.claim(Optional.empty(), dir)) {
            assertEquals(first, again.id(), "a restart continues its own chain");
        }
        InstanceId.requireValid(first);
    }

    @Test
    void twoInstancesOnSeparateFoldersGetTwoIds(@TempDir Path other) {
        try (InstanceId a = InstanceId.claim(Optional.empty(), dir);
                InstanceId b = InstanceId.claim(Optional.empty(), other)) {
            assertNotEquals(a.id(), b.id());
        }
    }

    @Test
    void aSecondClaimOfAFolderInUseIsRefused() {
        try (InstanceId held = InstanceId.claim(Optional.of("a"), dir)) {
            IllegalStateException refused =
                    assertThrows(IllegalStateException.class, () -> InstanceId.claim(Optional.of("b"), dir));
            assertTrue(refused.getMessage().contains("in use by another Clearance process"), refused.getMessage());
        }
        // Released at shutdown: the same instance starts again.
        try (InstanceId again = InstanceId.claim(Optional.of("a"), dir)) {
            assertEquals("a", again.id());
        }
    }

    @Test
    void aConfiguredIdMustMatchTheOneTheFolderWasGiven() {
        try (InstanceId first = InstanceId.claim(Optional.of("node-a"), dir)) {
            assertEquals("node-a", first.id());
        }
        IllegalStateException refused =
                assertThrows(IllegalStateException.class, () -> InstanceId.claim(Optional.of("node-b"), dir));
        assertTrue(refused.getMessage().contains("belongs to instance `node-a`"), refused.getMessage());
        try (InstanceId unset = InstanceId.claim(Optional.empty(), dir)) {
            assertEquals("node-a", unset.id(), "left unset later, the folder's id stands");
        }
    }

    @Test
    void anIdThatCannotNameAChainIsRefused() {
        assertThrows(IllegalStateException.class, () -> InstanceId.claim(Optional.of("../etc"), dir));
        assertThrows(IllegalStateException.class, () -> InstanceId.claim(Optional.of("x".repeat(65)), dir));
        assertThrows(IllegalStateException.class, () -> InstanceId.claim(Optional.of(""), dir));
    }
}
