package io.clearance.audit;

import static io.clearance.audit.JournalFixtures.KEYS;
import static io.clearance.audit.JournalFixtures.entry;
import static io.clearance.audit.JournalFixtures.readBack;
import static io.clearance.audit.JournalFixtures.writer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.audit.journal.SegmentFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, item 1: a full disk under the journal. Decisions it cannot log are refused (503) and the writer
 * says why (readiness), it recovers when space returns, and after a restart every answered decision is on
 * disk exactly once, in a chain with no number used twice.
 */
class JournalFaultTest {

    @TempDir
    Path dir;

    @Test
    void aFullDiskRefusesThenRecoversAndEveryAnsweredRecordIsOnDiskOnce() throws IOException {
        JournalFixtures.FullDisk disk = new JournalFixtures.FullDisk(40_000);
        JournalFixtures.Database db = new JournalFixtures.Database();
        List<String> answered = new ArrayList<>();
        int refused = 0;
        try (ChainWriter writer = writer(dir, disk, db, Long.MAX_VALUE)) {
            for (int i = 0; i < 100; i++) {
                try {
                    answered.add(writer.append(entry(500)).decisionId());
                } catch (AuditUnavailableException e) {
                    refused++;
                }
            }
            assertTrue(refused > 0 && !answered.isEmpty(), answered.size() + " answered, " + refused + " refused");
            assertNotNull(writer.failure(), "readiness tells the truth");
            assertFalse(writer.tryRecover(), "still full: the probe cannot write");
            assertThrows(AuditUnavailableException.class, () -> writer.append(entry(10)));

            disk.free.set(1_000_000);
            assertTrue(writer.tryRecover());
            assertNull(writer.failure());
            for (int i = 0; i < 20; i++) {
                answered.add(writer.append(entry(500)).decisionId());
            }
        }
        assertWholeChainHolds(readBack(dir, db), answered);
    }

    @Test
    void onARealFullFileSystem() throws Exception {
        Path mount = Files.createTempDirectory("clearance-tmpfs-");
        assumeTrue(mount(mount), "mounting a tmpfs needs root; the injected full disk covers the rest");
        try {
            Path filler = mount.resolve("filler");
            Files.write(filler, new byte[96 * 1024]);
            Path data = mount.resolve("audit");
            JournalFixtures.Database db = new JournalFixtures.Database();
            List<String> answered = new ArrayList<>();
            boolean refused = false;
            try (ChainWriter writer = writer(data, SegmentFiles.DEFAULT, db, Long.MAX_VALUE)) {
                for (int i = 0; i < 2000 && !refused; i++) {
                    try {
                        answered.add(writer.append(entry(700)).decisionId());
                    } catch (AuditUnavailableException e) {
                        refused = true;
                    }
                }
                assertTrue(refused, "the tmpfs filled up");
                assertNotNull(writer.failure());
                assertFalse(writer.tryRecover());
                Files.delete(filler);
                assertTrue(writer.tryRecover(), "space is back");
                for (int i = 0; i < 20; i++) {
                    answered.add(writer.append(entry(700)).decisionId());
                }
            }
            assertWholeChainHolds(readBack(data, db), answered);
        } finally {
            new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor();
            Files.deleteIfExists(mount);
        }
    }

    @Test
    void aTornTailIsCutAtStartAndTheChainContinuesAfterTheLastWholeRecord() throws IOException {
        JournalFixtures.Database db = new JournalFixtures.Database();
        List<String> answered = new ArrayList<>();
        try (ChainWriter writer = writer(dir, SegmentFiles.DEFAULT, db, Long.MAX_VALUE)) {
            for (int i = 0; i < 5; i++) {
                answered.add(writer.append(entry(100)).decisionId());
            }
        }
        Path segment = lastSegment();
        long whole = Files.size(segment);
        // A frame header promising 200 bytes, and 3 of them: a write the process did not finish.
        Files.write(
                segment,
                new byte[] {0, 0, 0, (byte) 200, 1, 2, 3, 4, 9, 9, 9},
                java.nio.file.StandardOpenOption.APPEND);
        try (ChainWriter writer = writer(dir, SegmentFiles.DEFAULT, db, Long.MAX_VALUE)) {
            assertEquals(whole, Files.size(segment), "the torn tail is cut");
            answered.add(writer.append(entry(100)).decisionId());
        }
        // A flipped byte in the last frame: its checksum fails and it is cut like a torn write.
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length - 3] ^= 1;
        Files.write(segment, bytes);
        List<AuditRecord> back = readBack(dir, db);
        assertEquals(5, back.size());
        assertWholeChainHolds(back, answered.subList(0, 5));
    }

    private Path lastSegment() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("journal").resolve("decisions"))) {
            return files.filter(p -> p.toString().endsWith(".seg"))
                    .sorted()
                    .reduce((a, b) -> b)
                    .orElseThrow();
        }
    }

    static void assertWholeChainHolds(List<AuditRecord> back, List<String> answered) {
        Set<String> onDisk = back.stream().map(AuditRecord::decisionId).collect(Collectors.toSet());
        List<String> missing =
                answered.stream().filter(id -> !onDisk.contains(id)).toList();
        assertEquals(List.of(), missing, "answered but not logged");
        ChainCheck check = new ChainCheck(KEYS, new ObjectMapper(), 1, ChainHash.GENESIS, null);
        for (int i = 0; i < back.size(); i++) {
            assertEquals(i + 1, back.get(i).seq(), "numbers are contiguous and never used twice");
            assertNull(check.accept(back.get(i), null, null));
        }
    }

    private static boolean mount(Path at) {
        try {
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", at.toString())
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
