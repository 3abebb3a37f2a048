package io.clearance.audit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.audit.journal.FsyncPolicy;
import io.clearance.audit.journal.SegmentFiles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several instances on one database (issue 17): each writes a chain of its own. Another instance is played by
 * a second {@link ChainWriter} and {@link AuditShipper} with a data folder of their own, shipping into the same
 * database as this server. Verification, export and lookup cover every chain and name the chain they speak of.
 */
@QuarkusTest
class MultiChainAuditTest {

    @Inject
    AuditStore store;

    @Inject
    AuditLog log;

    @Inject
    AuditRepository repository;

    @Inject
    DataSource dataSource;

    @TempDir
    Path folder;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeTheOtherInstances() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    @Test
    void twoInstancesChainsVerifyOnTheServerAndOffline() throws Exception {
        String ours = AuditFixtures.decideId(AuditFixtures.restrictedGroup().company(), "api.access");
        Instance other = instance("other-" + suffix(), folder.resolve("b"));
        List<String> theirs = other.write(3);

        JsonPath verified = given().get("/v1/audit/verify")
                .then()
                .statusCode(200)
                .body("intact", equalTo(true))
                .body("chains.chainId", hasItems("decisions", other.chainId))
                .extract()
                .jsonPath();
        String theirChain = "chains.find { it.chainId == '" + other.chainId + "' }";
        assertEquals(3, verified.getInt(theirChain + ".checked"));
        assertTrue(verified.getBoolean(theirChain + ".keyed"), "macs checked: the instances share the chain key");
        // One chain asked for by name: only it.
        given().queryParam("chain", other.chainId)
                .get("/v1/audit/verify")
                .then()
                .body("chains.size()", equalTo(1))
                .body("chains[0].chainId", equalTo(other.chainId))
                .body("checked", equalTo(3));

        String jsonl = given().queryParam("format", "jsonl")
                .get("/v1/audit/decisions/export")
                .asString();
        Path file = folder.resolve("export.jsonl");
        Files.writeString(file, jsonl);
        List<ChainReport> offline = ExportVerifier.verify(file, log.keys(), Map.of());
        ChainReport ourReport = report(offline, "decisions");
        ChainReport theirReport = report(offline, other.chainId);
        assertTrue(ourReport.intact() && theirReport.intact(), offline.toString());
        assertTrue(ourReport.keyed() && theirReport.keyed());
        assertEquals(3, theirReport.checked());
        assertTrue(jsonl.contains("\"decisionId\":\"" + ours + "\""));
        for (String id : theirs) {
            assertTrue(jsonl.contains("\"decisionId\":\"" + id + "\",") && jsonl.contains(other.chainId));
        }

        // Offline against the other instance's head file (a signed checkpoint): its chain must reach that head.
        Checkpoint head = new HeadFile(HeadFile.of(other.dir, other.chainId), false)
                .last(other.chainId)
                .orElseThrow();
        assertTrue(head.authentic(log.keys()));
        Map<String, ChainReport.ExpectedHead> heads =
                Map.of(other.chainId, new ChainReport.ExpectedHead(head.seq(), head.hash(), "head file"));
        assertTrue(report(ExportVerifier.verify(file, log.keys(), heads), other.chainId)
                .intact());
        Map<String, ChainReport.ExpectedHead> beyondHeads = Map.of(
                other.chainId, new ChainReport.ExpectedHead(theirReport.lastSeq() + 1, "0".repeat(64), "head file"));
        ChainReport beyond = report(ExportVerifier.verify(file, log.keys(), beyondHeads), other.chainId);
        assertEquals("truncated", beyond.firstBroken().problem(), "a head beyond the export is a truncation");
    }

    @Test
    void aTamperedRecordIsReportedWithItsChain() throws Exception {
        Instance other = instance("tampered-" + suffix(), folder.resolve("c"));
        List<String> theirs = other.write(3);
        AuditRecord victim = repository.find(theirs.get(1)).orElseThrow();
        try {
            sql(
                    "update audit_chain_record set outcome = 'PERMIT' where chain_id = ? and seq = ?",
                    other.chainId,
                    victim.seq());
            JsonPath broken = given().get("/v1/audit/verify")
                    .then()
                    .statusCode(200)
                    .body("intact", equalTo(false))
                    .body("firstBroken.chainId", equalTo(other.chainId))
                    .body("firstBroken.seq", equalTo((int) victim.seq()))
                    .body("firstBroken.decisionId", equalTo(victim.decisionId()))
                    .body("firstBroken.problem", equalTo("content-mismatch"))
                    .extract()
                    .jsonPath();
            assertTrue(broken.getBoolean("chains.find { it.chainId == 'decisions' }.intact"), "the other chains stand");
        } finally {
            sql(
                    "update audit_chain_record set outcome = ? where chain_id = ? and seq = ?",
                    victim.outcome(),
                    other.chainId,
                    victim.seq());
        }
        given().get("/v1/audit/verify").then().body("intact", equalTo(true));
    }

    @Test
    void aDecisionAnsweredByAnotherInstanceIsFoundThroughThisOne() throws Exception {
        Instance other = instance("lookup-" + suffix(), folder.resolve("d"));
        String theirs = other.write(1).get(0);
        assertTrue(log.unshipped(theirs).isEmpty(), "not in this instance's journal");
        given().get("/v1/audit/decisions/{id}", theirs)
                .then()
                .statusCode(200)
                .body("decisionId", equalTo(theirs))
                .body("chainId", equalTo(other.chainId));
    }

    @Test
    void twoWritersOfOneChainConflictAndNothingIsOverwritten() throws Exception {
        String chainId = "twin-" + suffix();
        // Both open before either writes, as two instances given one id would: both start the chain at record 1.
        Instance first = instance(chainId, folder.resolve("e1"));
        Instance second = instance(chainId, folder.resolve("e2"));
        String kept = first.write(1).get(0);
        String refused = second.writer.append(JournalFixtures.entry(10)).decisionId();
        assertFalse(second.shipper.awaitShipped(Duration.ofMillis(500)));
        await().atMost(Duration.ofSeconds(30)).until(() -> second.shipper.conflict() != null);
        assertTrue(second.shipper.conflict().contains("another instance writes this chain"));
        assertEquals(kept, repository.at(chainId, 1).orElseThrow().decisionId(), "the first writer's record stands");
        assertTrue(repository.find(refused).isEmpty());
        assertEquals(1, second.writer.backlog().records(), "the refused record stays in its journal");
    }

    @Test
    void aBatchShippedTwiceChangesNothingAndAnotherRecordAtItsPlaceIsAConflict() {
        String chainId = "again-" + suffix();
        AuditRecord first = AuditRecord.chain(chainId, 1, JournalFixtures.entry(10), ChainHash.GENESIS, log.keys());
        AuditRecord second = AuditRecord.chain(chainId, 2, JournalFixtures.entry(10), first.hash(), log.keys());
        store.ship(chainId, List.of(first, second), List.of());
        // Inserted as new first, the batch clashes with itself and is shipped again against what is there.
        store.ship(chainId, List.of(first, second), List.of());
        AuditRecord third = AuditRecord.chain(chainId, 3, JournalFixtures.entry(10), second.hash(), log.keys());
        store.ship(chainId, List.of(second, third), List.of());
        assertEquals(3, repository.head(chainId).orElseThrow().seq());
        assertEquals(
                second.decisionId(), repository.at(chainId, 2).orElseThrow().decisionId());
        assertEquals(
                third.hash(), repository.at(chainId, 3).orElseThrow().hash().trim());

        AuditRecord other = AuditRecord.chain(chainId, 3, JournalFixtures.entry(12), second.hash(), log.keys());
        RuntimeException conflict = org.junit.jupiter.api.Assertions.assertThrows(
                RuntimeException.class, () -> store.ship(chainId, List.of(other), List.of()));
        assertTrue(conflict.getMessage().contains("another instance writes this chain"), conflict.getMessage());
        assertEquals(third.decisionId(), repository.at(chainId, 3).orElseThrow().decisionId(), "nothing overwritten");
    }

    @Test
    void readinessIsDownWhileTheJournalFolderCannotBeWritten() throws Exception {
        given().get("/q/health/ready").then().statusCode(200);
        // The health probe writes probe.tmp beside the segments; a folder in its place fails that write, as a
        // read-only or full disk would (permissions do not stop root, which tests may run as).
        Path probe =
                log.dataDir().resolve("journal").resolve(log.decisionChainId()).resolve("probe.tmp");
        Files.createDirectories(probe.resolve("blocked"));
        try {
            JsonPath health = given().get("/q/health/ready")
                    .then()
                    .statusCode(503)
                    .extract()
                    .jsonPath();
            assertEquals("DOWN", health.getString("checks.find { it.name == 'audit' }.status"));
            assertNotNull(health.getString("checks.find { it.name == 'audit' }.data.error"));
        } finally {
            Files.delete(probe.resolve("blocked"));
            Files.delete(probe);
        }
        given().get("/q/health/ready").then().statusCode(200);
    }

    private Instance instance(String chainId, Path dir) throws Exception {
        ChainWriter writer = ChainWriter.open(
                chainId,
                dir,
                SegmentFiles.DEFAULT,
                log.keys(),
                new ChainWriter.Settings(2, Duration.ofHours(1), FsyncPolicy.NONE, Long.MAX_VALUE, 1000),
                Optional.empty(),
                64 * 1024,
                () -> store.head(chainId));
        AuditShipper shipper = new AuditShipper(writer, store, 100, Duration.ofMillis(200));
        shipper.start();
        opened.add(() -> {
            shipper.stop(Duration.ofSeconds(5));
            writer.close();
        });
        return new Instance(chainId, dir, writer, shipper);
    }

    private record Instance(String chainId, Path dir, ChainWriter writer, AuditShipper shipper) {

        /** Logs {@code n} decisions and waits until the database holds them; returns their ids. */
        List<String> write(int n) throws InterruptedException {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ids.add(writer.append(JournalFixtures.entry(40)).decisionId());
            }
            assertTrue(shipper.awaitShipped(Duration.ofSeconds(30)));
            return ids;
        }
    }

    private static ChainReport report(List<ChainReport> reports, String chainId) {
        return reports.stream()
                .filter(r -> r.chainId().equals(chainId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no chain " + chainId + " in " + reports));
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private void sql(String statement, Object... args) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }
}
