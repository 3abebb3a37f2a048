package io.clearance.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.engine.RuleSetCompiler;
import io.clearance.engine.RuleSource;
import io.clearance.policy.PolicyDocument;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Someone with write access to the database, but not to the chain key, tries to change or hide decisions
 * (issue 11, item 3). Each attack is undone afterwards: test classes share the database.
 */
@QuarkusTest
class ChainTamperTest {

    @Inject
    DataSource dataSource;

    @Inject
    AuditRepository repository;

    @Inject
    AuditStore store;

    @Inject
    AuditLog log;

    @Test
    void editingAStoredAnswerIsAnEvidenceMismatch() throws Exception {
        AuditFixtures.Group group = AuditFixtures.restrictedGroup();
        String victim = AuditFixtures.decideId(group.company(), "api.access");
        AuditRecord record = shippedRecord(victim);
        given().get("/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
        String content = evidence(record.evidenceHash());
        try {
            sql(
                    "update audit_evidence set content = ? where hash = ?",
                    content.replace("\"decision\":\"DENY\"", "\"decision\":\"PERMIT\""),
                    record.evidenceHash());
            given().get("/v1/audit/verify")
                    .then()
                    .body("intact", equalTo(false))
                    .body("firstBroken.seq", equalTo((int) record.seq()))
                    .body("firstBroken.problem", equalTo("evidence-mismatch"));
        } finally {
            sql("update audit_evidence set content = ? where hash = ?", content, record.evidenceHash());
        }
        given().get("/v1/audit/verify").then().body("intact", equalTo(true));
    }

    /** The 20-line attack: record k made a PERMIT, every SHA-256 and checkpoint recomputed after it. */
    @Test
    void rewritingARecordAndRecomputingEveryHashIsAMacMismatch() throws Exception {
        AuditFixtures.Group group = AuditFixtures.restrictedGroup();
        String victim = AuditFixtures.decideId(group.company(), "api.access");
        AuditFixtures.decideId(group.company(), "publication.read");
        AuditFixtures.decideId(group.company(), "commercial.partnership");
        AuditRecord k = shippedRecord(victim);
        String chain = k.chainId();
        List<AuditRecord> originals = repository.seqRange(chain, k.seq() - 1, Long.MAX_VALUE);
        Map<Long, Checkpoint> checkpoints = repository.checkpoints(chain, k.seq(), Long.MAX_VALUE);

        String forged = Evidence.template(
                k.answerJson().replace("\"decision\":\"DENY\"", "\"decision\":\"PERMIT\""),
                k.decisionId(),
                k.decidedAtText());
        String forgedHash = Evidence.hash(forged);
        sql("insert into audit_evidence (hash, content) values (?, ?)", forgedHash, forged);
        List<String> rewritten = new ArrayList<>();
        try {
            String previous = k.prevHash();
            for (AuditRecord r : originals) {
                AuditRecord changed = copy(r, r.seq() == k.seq() ? forgedHash : r.evidenceHash(), previous);
                String hash = RecordHash.of(changed);
                sql(
                        "update audit_chain_record set evidence_hash = ?, prev_hash = ?, hash = ? where chain_id = ? and seq = ?",
                        changed.evidenceHash(),
                        previous,
                        hash,
                        chain,
                        r.seq());
                if (checkpoints.containsKey(r.seq())) {
                    sql(
                            "update audit_chain_checkpoint set hash = ? where chain_id = ? and seq = ?",
                            hash,
                            chain,
                            r.seq());
                }
                rewritten.add(hash);
                previous = hash;
            }
            given().get("/v1/audit/decisions/{id}", victim).then().body("decision", equalTo("DENY"));
            given().get("/v1/audit/verify")
                    .then()
                    .body("intact", equalTo(false))
                    .body("firstBroken.chainId", equalTo(chain))
                    .body("chains.find { it.chainId == '" + chain + "' }.keyed", equalTo(true))
                    .body("firstBroken.seq", equalTo((int) k.seq()))
                    .body("firstBroken.decisionId", equalTo(victim))
                    .body("firstBroken.problem", equalTo("mac-mismatch"));
        } finally {
            for (AuditRecord r : originals) {
                sql(
                        "update audit_chain_record set evidence_hash = ?, prev_hash = ?, hash = ? where chain_id = ? and seq = ?",
                        r.evidenceHash(),
                        r.prevHash(),
                        r.hash(),
                        chain,
                        r.seq());
            }
            for (Checkpoint c : checkpoints.values()) {
                sql(
                        "update audit_chain_checkpoint set hash = ? where chain_id = ? and seq = ?",
                        c.hash(),
                        chain,
                        c.seq());
            }
            sql("delete from audit_evidence where hash = ?", forgedHash);
        }
        assertEquals(originals.size(), rewritten.size());
        given().get("/v1/audit/verify").then().body("intact", equalTo(true));
    }

    @Test
    void deletingTheNewestRecordsIsTruncationAgainstTheHeadKeptOutsideTheDatabase() throws Exception {
        AuditFixtures.Group group = AuditFixtures.restrictedGroup();
        AuditFixtures.decideId(group.company(), "api.access");
        String last = AuditFixtures.decideId(group.company(), "publication.read");
        AuditRecord head = shippedRecord(last);
        String chain = head.chainId();
        List<AuditRecord> cut = repository.seqRange(chain, head.seq() - 2, head.seq());
        Map<Long, Checkpoint> checkpoints = repository.checkpoints(chain, head.seq() - 1, head.seq());
        assertEquals(2, cut.size());
        try {
            sql("delete from audit_chain_rule where chain_id = ? and seq >= ?", chain, head.seq() - 1);
            sql("delete from audit_chain_checkpoint where chain_id = ? and seq >= ?", chain, head.seq() - 1);
            sql("delete from audit_chain_record where chain_id = ? and seq >= ?", chain, head.seq() - 1);
            given().get("/v1/audit/verify")
                    .then()
                    .body("intact", equalTo(false))
                    .body("firstBroken.problem", equalTo("truncated"))
                    .body("firstBroken.seq", equalTo((int) head.seq() - 1))
                    .body("chains.find { it.chainId == '" + chain + "' }.expectedHead.seq", equalTo((int) head.seq()))
                    .body("chains.find { it.chainId == '" + chain + "' }.expectedHead.source", notNullValue());
            given().queryParam("headSeq", head.seq())
                    .queryParam("headHash", head.hash())
                    .get("/v1/audit/verify")
                    .then()
                    .body("firstBroken.problem", equalTo("truncated"))
                    .body("chains.find { it.chainId == '" + chain + "' }.expectedHead.source", equalTo("request"));
        } finally {
            store.ship(chain, cut, List.copyOf(checkpoints.values()));
        }
        given().queryParam("headSeq", head.seq())
                .queryParam("headHash", head.hash())
                .get("/v1/audit/verify")
                .then()
                .body("intact", equalTo(true));
        given().queryParam("headSeq", head.seq())
                .queryParam("headHash", "0".repeat(64))
                .get("/v1/audit/verify")
                .then()
                .body("intact", equalTo(false))
                .body("firstBroken.problem", equalTo("head-mismatch"))
                .body("firstBroken.seq", equalTo((int) head.seq()));
        given().queryParam("headSeq", "x")
                .queryParam("headHash", head.hash())
                .get("/v1/audit/verify")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid-head"));
    }

    @Test
    void theRuleIndexIsCheckedAgainstTheChainedAnswers() throws Exception {
        AuditFixtures.Group group = AuditFixtures.restrictedGroup();
        AuditRecord record = shippedRecord(AuditFixtures.decideId(group.company(), "api.access"));
        try {
            sql("delete from audit_chain_rule where chain_id = ? and seq = ?", record.chainId(), record.seq());
            given().get("/v1/audit/verify")
                    .then()
                    .body("intact", equalTo(false))
                    .body("firstBroken.seq", equalTo((int) record.seq()))
                    .body("firstBroken.problem", equalTo("index-mismatch"));
        } finally {
            for (String rule : RuleIndex.rules(record, new com.fasterxml.jackson.databind.ObjectMapper())) {
                sql(
                        "insert into audit_chain_rule (chain_id, seq, rule) values (?, ?, ?)",
                        record.chainId(),
                        record.seq(),
                        rule);
            }
        }
        given().get("/v1/audit/verify").then().body("intact", equalTo(true));
    }

    @Test
    void aTamperedStoredPolicyVersionIsRefusedNotReplayed() throws Exception {
        AuditFixtures.Group group = AuditFixtures.restrictedGroup();
        // Versions that served once and are stored, not the active one (that one replays from memory).
        String[] intact = storeVersion();
        String intactDecision = decidedUnder(intact[0], group);
        given().post("/v1/audit/decisions/{id}/replay", intactDecision)
                .then()
                .statusCode(200)
                .body("underRecordedPolicy.policyVersion", equalTo(intact[0]))
                .body("underRecordedPolicy.decision", equalTo("DENY"));

        // Someone turns the stored denials into permits: refused, never replayed.
        String[] edited = storeVersion();
        String editedDecision = decidedUnder(edited[0], group);
        sql(
                "update rule_set_version set sources_json = ? where version = ?",
                edited[1].replace("Deny.because(", "Permit.because("),
                edited[0]);
        given().post("/v1/audit/decisions/{id}/replay", editedDecision)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("policy-version-tampered"))
                .body("detail", containsString(edited[0]));
    }

    /** Stores a version of the bundled rules (a comment makes it new); returns its id and stored files. */
    private String[] storeVersion() throws Exception {
        List<RuleSource> sources = new ArrayList<>(RuleSource.readDirectory(Path.of("rules")));
        RuleSource first = sources.get(0);
        sources.set(0, new RuleSource(first.name(), first.content() + "\n// served once, " + UUID.randomUUID() + "\n"));
        PolicyDocument policy = PolicyDocument.read(Path.of("policies", "policy.md"));
        String version = RuleSetCompiler.version(sources, policy);
        Map<String, String> files = new LinkedHashMap<>();
        sources.forEach(source -> files.put(source.name(), source.content()));
        String stored = new ObjectMapper().writeValueAsString(files);
        sql(
                "insert into rule_set_version (version, first_served_at, sources_json, policy_name, policy_content)"
                        + " values (?, ?, ?, ?, ?)",
                version,
                OffsetDateTime.now(ZoneOffset.UTC),
                stored,
                policy.name(),
                policy.content());
        return new String[] {version, stored};
    }

    /** A logged decision that version made, in a chain of this test's own; returns its id. */
    private String decidedUnder(String version, AuditFixtures.Group group) {
        String id = UUID.randomUUID().toString();
        AuditEntry entry = new AuditEntry(
                id,
                Instant.now(),
                group.company(),
                "api.access",
                null,
                "{\"subject\":{\"partyId\":\"" + group.company() + "\"}}",
                "DENY",
                null,
                200,
                version,
                1L,
                10,
                "{\"decisionId\":\"" + id + "\",\"decision\":\"DENY\",\"reasons\":[]}",
                List.of());
        String chain = "test-" + id.substring(0, 8);
        store.ship(chain, List.of(AuditRecord.chain(chain, 1, entry, ChainHash.GENESIS, log.keys())), List.of());
        return id;
    }

    @Test
    void anExportIsVerifiedOfflineAgainstTheHeadAndTheKey() throws Exception {
        AuditFixtures.Group group = AuditFixtures.restrictedGroup();
        String victim = AuditFixtures.decideId(group.company(), "api.access");
        AuditFixtures.decideId(group.company(), "publication.read");
        AuditRecord head = shippedRecord(AuditFixtures.decideId(group.company(), "commercial.partnership"));
        String jsonl = given().queryParam("format", "jsonl")
                .get("/v1/audit/decisions/export")
                .asString();
        java.nio.file.Path file = java.nio.file.Files.createTempFile("clearance-export-", ".jsonl");
        Map<String, ChainReport.ExpectedHead> heads =
                Map.of(head.chainId(), new ChainReport.ExpectedHead(head.seq(), head.hash(), "test"));
        try {
            java.nio.file.Files.writeString(file, jsonl);
            for (ChainReport report : ExportVerifier.verify(file, log.keys(), heads)) {
                org.junit.jupiter.api.Assertions.assertTrue(report.intact(), report.toString());
            }
            // The denial edited in the file: its evidence no longer matches.
            List<String> lines = new ArrayList<>(jsonl.lines().toList());
            int at = indexOf(lines, victim);
            lines.set(at, lines.get(at).replace("\"decision\":\"DENY\"", "\"decision\":\"PERMIT\""));
            java.nio.file.Files.writeString(file, String.join("\n", lines));
            ChainReport edited = report(ExportVerifier.verify(file, log.keys(), heads), head.chainId());
            assertEquals("content-mismatch", edited.firstBroken().problem());
            assertEquals(victim, edited.firstBroken().decisionId());
            // The newest line cut off: truncated against the head.
            lines = new ArrayList<>(jsonl.lines().toList());
            lines.remove(indexOf(lines, head.decisionId()));
            java.nio.file.Files.writeString(file, String.join("\n", lines));
            ChainReport cut = report(ExportVerifier.verify(file, log.keys(), heads), head.chainId());
            assertEquals("truncated", cut.firstBroken().problem());
            assertEquals(head.seq(), cut.firstBroken().seq());
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    private static int indexOf(List<String> lines, String decisionId) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"decisionId\":\"" + decisionId + "\"")) {
                return i;
            }
        }
        throw new AssertionError("no line for " + decisionId);
    }

    private static ChainReport report(List<ChainReport> reports, String chainId) {
        return reports.stream()
                .filter(r -> r.chainId().equals(chainId))
                .findFirst()
                .orElseThrow();
    }

    private AuditRecord shippedRecord(String decisionId) {
        log.awaitShipped();
        return repository.find(decisionId).orElseThrow();
    }

    private static AuditRecord copy(AuditRecord r, String evidenceHash, String prevHash) {
        return new AuditRecord(
                r.chainId(),
                r.seq(),
                r.decisionId(),
                r.decidedAt(),
                r.decidedAtText(),
                r.caller(),
                r.subjectId(),
                r.action(),
                r.onBehalfOfId(),
                r.requestJson(),
                r.outcome(),
                r.errorCode(),
                r.httpStatus(),
                r.policyVersion(),
                r.registryVersion(),
                r.latencyMicros(),
                r.answerJson(),
                evidenceHash,
                prevHash,
                null,
                null);
    }

    private String evidence(String hash) throws Exception {
        return single("select content from audit_evidence where hash = ?", hash);
    }

    private String single(String query, Object arg) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(query)) {
            s.setObject(1, arg);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
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
