package io.clearance.audit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/verify_audit.py}, an independent reading of {@code docs/audit-format.md}, checks a real export of
 * this server's chain: intact it exits 0, and each kind of tampering exits 1 naming the broken record.
 */
@QuarkusTest
class PythonVerifierTest {

    private static final Path SCRIPT = Path.of("docs", "verify_audit.py");

    @Inject
    AuditConfig config;

    private Path dir;
    private Path key;
    private List<String> lines;

    @BeforeEach
    void export() throws IOException {
        AuditFixtures.Group group = AuditFixtures.restrictedGroup();
        AuditFixtures.decideId(group.company(), "api.access");
        AuditFixtures.decideId(group.company(), "publication.read");
        // Multi-byte text in a stored request: lengths in the framing are UTF-8 bytes, not characters.
        String unicode = "Łódź-漢字-😀-" + System.nanoTime();
        AuditFixtures.decide("{\"subject\":{\"partyId\":\"" + unicode + "\"},\"action\":\"api.access\"}");
        AuditFixtures.decide("{\"subject\": ");
        String export = given().queryParam("format", "jsonl")
                .get("/v1/audit/decisions/export")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        lines = new ArrayList<>(export.lines().toList());
        assertTrue(export.contains(unicode), "the multi-byte request is in the export");
        assertTrue(lines.size() >= 4, export);
        dir = Files.createDirectories(Path.of("target", "python-verifier"));
        key = config.dataDir().resolve(ChainKeys.CHAIN_KEY_FILE);
    }

    @Test
    void anIntactExportPassesWithAndWithoutTheKey() throws Exception {
        Path file = write("intact.jsonl", lines);
        Run withKey = run(file, "--key-file", key.toString());
        assertEquals(0, withKey.exit(), withKey.output());
        // Other test classes may have written chains of their own into the same log: count this chain's records.
        long decisions = lines.stream()
                .filter(line -> line.contains("\"chainId\":\"decisions\""))
                .count();
        assertTrue(withKey.output().contains("chain decisions intact: " + decisions + " records"), withKey.output());
        assertEquals(0, run(file).exit());

        Run head = run(file, "--head", "decisions", Long.toString(decisions + 1), "0".repeat(64));
        assertEquals(1, head.exit(), head.output());
        assertTrue(head.output().contains("BROKEN at seq " + (decisions + 1) + ": truncated"), head.output());
    }

    @Test
    void aChangedFieldIsAContentMismatchAtItsRecord() throws Exception {
        int at = indexOf("\"decision\":\"DENY\"");
        List<String> tampered = new ArrayList<>(lines);
        tampered.set(at, tampered.get(at).replace("\"decision\":\"DENY\"", "\"decision\":\"PERMIT\""));
        Run run = run(write("changed.jsonl", tampered), "--key-file", key.toString());
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("BROKEN at seq " + seqOf(at) + ": content-mismatch"), run.output());
    }

    @Test
    void aChangedAnswerIsAnEvidenceMismatch() throws Exception {
        int at = indexOf("\"restrictedShare\":65");
        List<String> tampered = new ArrayList<>(lines);
        tampered.set(at, tampered.get(at).replace("\"restrictedShare\":65", "\"restrictedShare\":45"));
        Run run = run(write("answer.jsonl", tampered));
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("BROKEN at seq " + seqOf(at) + ": evidence-mismatch"), run.output());
    }

    @Test
    void aRemovedRecordOrATornFileIsNamed() throws Exception {
        List<String> removed = new ArrayList<>(lines);
        int at = lines.size() / 2;
        removed.remove(at);
        Run gap = run(write("removed.jsonl", removed));
        assertEquals(1, gap.exit(), gap.output());
        assertTrue(gap.output().contains("BROKEN at seq " + seqOf(at) + ": missing-record"), gap.output());

        List<String> torn = new ArrayList<>(lines);
        String last = torn.remove(torn.size() - 1);
        torn.add(last.substring(0, last.length() / 2));
        Run cut = run(write("torn.jsonl", torn));
        assertEquals(1, cut.exit(), cut.output());
        assertTrue(cut.output().contains("line " + lines.size() + ": not a whole export record"), cut.output());
    }

    @Test
    void anotherKeyIsAMacMismatchAtTheFirstRecord() throws Exception {
        Path other = dir.resolve("other.key");
        Files.writeString(other, java.util.Base64.getEncoder().encodeToString(new byte[32]));
        Run run = run(write("intact-other-key.jsonl", lines), "--key-file", other.toString());
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("BROKEN at seq 1: mac-mismatch"), run.output());
    }

    private int indexOf(String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no exported record holds " + text);
    }

    private long seqOf(int line) {
        return Long.parseLong(
                io.restassured.path.json.JsonPath.from(lines.get(line)).getString("seq"));
    }

    private Path write(String name, List<String> content) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", content) + "\n", StandardCharsets.UTF_8);
    }

    private record Run(int exit, String output) {}

    private static Run run(Path file, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", SCRIPT.toString(), file.toString()));
        command.addAll(Arrays.asList(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // A guard against a hung interpreter, not a measurement: the script reads one small file.
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("python3 " + SCRIPT + " did not finish");
        }
        return new Run(
                process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
