package io.clearance.cli;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.audit.AuditEntry;
import io.clearance.audit.AuditLog;
import io.clearance.audit.AuditShipper;
import io.clearance.audit.AuditStore;
import io.clearance.audit.ChainKeys;
import io.clearance.audit.ChainWriter;
import io.clearance.audit.journal.FsyncPolicy;
import io.clearance.audit.journal.SegmentFiles;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clearance audit-verify --file} over an export of two instances' chains, each instance with keys it
 * generated itself: the operator hands the verifier each chain's key and public key ({@code chain=file}) and
 * each instance's head files, and every chain is verified without trusting the server; a forged head file is
 * refused. On the server, the chain under other keys is a {@code mac-mismatch}, as README says.
 */
@QuarkusTest
class AuditVerifyChainsTest {

    @Inject
    AuditLog log;

    @Inject
    AuditStore store;

    @Inject
    DataSource dataSource;

    @TempDir
    Path folder;

    @Test
    void anExportOfChainsWithKeysOfTheirOwnVerifiesOfflineChainByChain() throws Exception {
        String chainId = "own-keys-" + UUID.randomUUID().toString().substring(0, 8);
        Path other = folder.resolve("instance-b");
        ChainKeys keys = ChainKeys.load(Optional.empty(), Optional.empty(), Optional.empty(), other);
        ChainWriter writer = ChainWriter.open(
                chainId,
                other,
                SegmentFiles.DEFAULT,
                keys,
                new ChainWriter.Settings(2, Duration.ofHours(1), FsyncPolicy.NONE, Long.MAX_VALUE, 100),
                Optional.empty(),
                64 * 1024,
                () -> store.head(chainId));
        AuditShipper shipper = new AuditShipper(writer, store, 100, Duration.ofMillis(200));
        shipper.start();
        try {
            for (int i = 0; i < 3; i++) {
                writer.append(entry());
            }
            assertTrue(shipper.awaitShipped(Duration.ofSeconds(30)));
            given().contentType("application/json")
                    .body("{\"subject\":{\"partyId\":\"nobody-" + UUID.randomUUID() + "\"},\"action\":\"api.access\"}")
                    .post("/v1/decisions");

            given().queryParam("chain", chainId)
                    .get("/v1/audit/verify")
                    .then()
                    .body("intact", equalTo(false))
                    .body("firstBroken.chainId", equalTo(chainId))
                    .body("firstBroken.seq", equalTo(1))
                    .body("firstBroken.problem", equalTo("mac-mismatch"));

            Path export = folder.resolve("export.jsonl");
            Files.writeString(
                    export,
                    given().queryParam("format", "jsonl")
                            .get("/v1/audit/decisions/export")
                            .asString());
            Path ours = log.dataDir();
            CliRun run = CliRun.of(
                    "audit-verify",
                    "--file",
                    export.toString(),
                    "--key-file",
                    log.decisionChainId() + "=" + ours.resolve("chain.key"),
                    "--key-file",
                    chainId + "=" + other.resolve("chain.key"),
                    "--public-key-file",
                    log.decisionChainId() + "=" + ours.resolve("checkpoint-signing.pub"),
                    "--public-key-file",
                    chainId + "=" + other.resolve("checkpoint-signing.pub"),
                    "--head-file",
                    other.resolve("heads").toString());
            assertEquals(0, run.exitCode(), run.out() + run.err());
            assertTrue(
                    run.out()
                            .contains("chain " + chainId + " intact: 3 records checked (seq 1 to 3), macs checked,"
                                    + " head 2 reached"),
                    run.out());
            assertTrue(run.out().contains("chain " + log.decisionChainId() + " intact: "), run.out());

            // One key for every chain is the wrong key for one of them: that chain breaks, by name.
            CliRun oneKey = CliRun.of(
                    "audit-verify",
                    "--file",
                    export.toString(),
                    "--key-file",
                    ours.resolve("chain.key").toString());
            assertEquals(1, oneKey.exitCode(), oneKey.out());
            assertTrue(oneKey.out().contains("chain " + chainId + " BROKEN at seq 1"), oneKey.out());

            // A head file whose checkpoint was not signed with the chain's keys is not trusted.
            Path forged = folder.resolve("forged.heads");
            String line = Files.readAllLines(other.resolve("heads").resolve(chainId + ".heads"))
                    .get(0);
            String[] f = line.split(" ");
            Files.writeString(forged, String.join(" ", f[0], "3", f[2], f[3], f[4], f[5]) + "\n");
            CliRun forgedRun = CliRun.of(
                    "audit-verify",
                    "--file",
                    export.toString(),
                    "--chain",
                    chainId,
                    "--key-file",
                    chainId + "=" + other.resolve("chain.key"),
                    "--public-key-file",
                    chainId + "=" + other.resolve("checkpoint-signing.pub"),
                    "--head-file",
                    forged.toString());
            assertEquals(1, forgedRun.exitCode(), forgedRun.out());
            assertTrue(forgedRun.out().contains("not signed with the chain's keys"), forgedRun.out());
        } finally {
            shipper.stop(Duration.ofSeconds(5));
            writer.close();
            // Test classes share the database: a chain under other keys would break their verifications.
            for (String table : List.of("audit_chain_rule", "audit_chain_checkpoint", "audit_chain_record")) {
                try (Connection c = dataSource.getConnection();
                        PreparedStatement s = c.prepareStatement("delete from " + table + " where chain_id = ?")) {
                    s.setString(1, chainId);
                    s.executeUpdate();
                }
            }
        }
    }

    private static AuditEntry entry() {
        String id = UUID.randomUUID().toString();
        return new AuditEntry(
                id,
                Instant.now(),
                "party-b",
                "api.access",
                null,
                "{}",
                "PERMIT",
                null,
                200,
                "v1",
                1L,
                5,
                "{\"decisionId\":\"" + id + "\",\"decision\":\"PERMIT\",\"reasons\":[]}",
                List.of());
    }
}
