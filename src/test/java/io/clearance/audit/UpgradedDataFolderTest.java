package io.clearance.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.audit.journal.FsyncPolicy;
import io.clearance.audit.journal.SegmentFiles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The upgrade of a single instance (issue 17): its data folder holds the journal of the chain every instance
 * wrote before instance ids ({@code decisions}), with records the database never got. The upgraded instance
 * writes a chain of its own, ships what the old journal holds, and both chains verify, the old one against its
 * head file.
 */
@QuarkusTest
@TestProfile(UpgradedDataFolderTest.OldDataFolder.class)
class UpgradedDataFolderTest {

    static final Path DATA =
            Path.of("target", "audit-upgraded-" + ProcessHandle.current().pid());

    /** A data folder as the previous version left it: keys, a head file, a journal of unshipped records. */
    public static class OldDataFolder implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            prepare();
            return Map.of("clearance.audit.data-dir", DATA.toString(), "clearance.instance.id", "node-upgraded");
        }

        // Quarkus may ask for the overrides more than once: the folder is written once.
        private static synchronized void prepare() {
            if (Files.exists(DATA)) {
                return;
            }
            ChainKeys keys = ChainKeys.load(Optional.empty(), Optional.empty(), Optional.empty(), DATA);
            try (ChainWriter old = ChainWriter.open(
                    "decisions",
                    DATA,
                    SegmentFiles.DEFAULT,
                    keys,
                    new ChainWriter.Settings(2, Duration.ofHours(1), FsyncPolicy.BATCH, Long.MAX_VALUE, 100),
                    Optional.empty(),
                    64 * 1024,
                    Optional::empty)) {
                for (int i = 0; i < 3; i++) {
                    old.append(JournalFixtures.entry(30));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Inject
    AuditLog log;

    @Inject
    AuditRepository repository;

    @Test
    void theOldChainIsShippedAndVerifiesAndNewDecisionsGoToTheInstancesOwnChain() {
        assertEquals("node-upgraded", log.decisionChainId());
        assertTrue(log.awaitShipped(), "the old journal's records reach the database");
        assertEquals(3, repository.head("decisions").orElseThrow().seq());

        String decided = AuditFixtures.decideId(AuditFixtures.restrictedGroup().company(), "api.access");
        given().get("/v1/audit/decisions/{id}", decided).then().body("chainId", equalTo("node-upgraded"));
        List<AuditRecord> old = repository.seqRange("decisions", 0, 3);
        assertEquals(3, old.size());
        for (AuditRecord r : old) {
            given().get("/v1/audit/decisions/{id}", r.decisionId())
                    .then()
                    .statusCode(200)
                    .body("chainId", equalTo("decisions"));
        }

        JsonPath verified = given().get("/v1/audit/verify")
                .then()
                .statusCode(200)
                .body("intact", equalTo(true))
                .extract()
                .jsonPath();
        assertEquals(3, verified.getInt("chains.find { it.chainId == 'decisions' }.checked"));
        // The head this instance shipped itself (3) is newer than the head file's checkpoint (2).
        assertEquals(3, verified.getInt("chains.find { it.chainId == 'decisions' }.expectedHead.seq"));
        assertTrue(verified.getInt("chains.find { it.chainId == 'node-upgraded' }.checked") >= 1);
        given().get("/q/health/ready").then().statusCode(200);
    }
}
