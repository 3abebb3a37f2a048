package io.clearance.audit;

import static io.clearance.audit.JournalFixtures.entry;
import static io.clearance.audit.JournalFixtures.writer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.audit.journal.SegmentFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: a database outage no longer stops decisions. The journal grows up to its bound, then decisions are
 * refused (fail closed); when the database returns the backlog drains, in order, once.
 */
class ShippingOutageTest {

    @TempDir
    Path dir;

    @Test
    void decisionsGoOnIntoTheJournalUpToItsBoundAndItDrainsWhenTheDatabaseReturns() throws Exception {
        JournalFixtures.Database db = new JournalFixtures.Database();
        db.down = true;
        ChainWriter writer = writer(dir, SegmentFiles.DEFAULT, db, 64 * 1024);
        // A new journal continues the database's chain: with the database away it cannot know where, so it refuses.
        assertNotNull(writer.failure());
        db.down = false;
        assertTrue(writer.tryRecover());

        AuditShipper shipper = new AuditShipper(writer, db, 50, Duration.ofMillis(100));
        shipper.start();
        List<String> answered = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answered.add(writer.append(entry(200)).decisionId());
        }
        assertTrue(shipper.awaitShipped(Duration.ofSeconds(30)));

        db.down = true;
        boolean refused = false;
        for (int i = 0; i < 5000 && !refused; i++) {
            try {
                answered.add(writer.append(entry(400)).decisionId());
            } catch (AuditUnavailableException e) {
                refused = true;
            }
        }
        assertTrue(refused, "beyond its bound the journal refuses: fail closed");
        assertFalse(shipper.awaitShipped(Duration.ofMillis(100)));
        AuditBacklog backlog = writer.backlog();
        assertEquals(answered.size() - 10, backlog.records());
        assertTrue(backlog.bytes() > backlog.maxBytes());
        assertNotNull(shipper.lastError(), "the health warning has its cause");

        db.down = false;
        assertTrue(shipper.awaitShipped(Duration.ofSeconds(60)), "the backlog drains");
        assertEquals(answered, db.ids(), "every answered record, in order, once");
        assertEquals(0, writer.backlog().records());
        assertTrue(writer.backlog().bytes() < 64 * 1024, "shipped segments are deleted");
        assertNull(shipper.lastError());
        answered.add(writer.append(entry(400)).decisionId());

        // Shipping again from the database's high-water mark (a restart) adds nothing.
        shipper.stop(Duration.ofSeconds(10));
        AuditShipper again = new AuditShipper(writer, db, 50, Duration.ofMillis(100));
        again.start();
        assertTrue(again.awaitShipped(Duration.ofSeconds(30)));
        assertEquals(answered, db.ids());
        again.stop(Duration.ofSeconds(10));
        writer.close();
    }
}
