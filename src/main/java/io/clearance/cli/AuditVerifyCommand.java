package io.clearance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.audit.ChainKeys;
import io.clearance.audit.ChainReport;
import io.clearance.audit.Checkpoint;
import io.clearance.audit.ExportVerifier;
import io.clearance.audit.HeadFile;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code clearance audit-verify}: verifies the decision log's chain and reports the first broken link; exit 1
 * when it is broken. Without {@code --file} it asks the running server ({@code GET /v1/audit/verify}); with
 * {@code --file} it checks an export (JSON lines) offline. Either way the expected head can come from a head
 * file or witness ({@code --head-file}) or be given ({@code --head-seq}, {@code --head-hash}).
 */
@Command(
        name = "audit-verify",
        description =
                "Verify the audit log's chain (on the server, or an export file offline); exit 1 at a broken link.")
final class AuditVerifyCommand implements Callable<Integer> {

    @Option(
            names = "--server",
            defaultValue = "http://localhost:8080",
            description = "the running server (default: ${DEFAULT-VALUE})")
    URI server;

    @Option(names = "--from", description = "ISO-8601 instant or day, e.g. 2026-11-01")
    String from;

    @Option(names = "--to", description = "ISO-8601 instant or day")
    String to;

    @Option(names = "--chain", defaultValue = "decisions", description = "the chain (default: ${DEFAULT-VALUE})")
    String chain;

    @Option(names = "--file", description = "an export (format=jsonl) to verify offline, without the server")
    Path file;

    @Option(
            names = "--key-file",
            description = "the chain key file (base64), e.g. data/audit/chain.key: checks the macs of a keyed chain")
    Path keyFile;

    // `--key` is the API key, as for `impact`: the server's verify endpoint needs the `auditor` role.
    @Option(
            names = "--key",
            defaultValue = "${env:CLEARANCE_KEY}",
            description = "an API key with the `auditor` role, for the server (default: $CLEARANCE_KEY)")
    String key;

    @Option(
            names = "--public-key-file",
            description = "the checkpoint public key, e.g. data/audit/checkpoint-signing.pub")
    Path publicKeyFile;

    @Option(names = "--head-file", description = "a head file or witness: the chain must reach its newest checkpoint")
    Path headFile;

    @Option(names = "--head-seq", description = "the expected head's record number (with --head-hash)")
    Long headSeq;

    @Option(names = "--head-hash", description = "the expected head's hash")
    String headHash;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Optional<ChainReport.ExpectedHead> head = expectedHead();
        if (file != null) {
            return offline(head);
        }
        StringBuilder query = new StringBuilder("/v1/audit/verify?chain=" + encode(chain));
        if (from != null) {
            query.append("&from=").append(encode(from));
        }
        if (to != null) {
            query.append("&to=").append(encode(to));
        }
        head.ifPresent(h ->
                query.append("&headSeq=").append(h.seq()).append("&headHash=").append(encode(h.hash())));
        HttpRequest.Builder builder = HttpRequest.newBuilder(server.resolve(query.toString()))
                .timeout(Duration.ofHours(1))
                .GET();
        if (key != null && !key.isBlank()) {
            builder.header("Authorization", "Bearer " + key);
        }
        HttpRequest request = builder.build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = new ObjectMapper().readTree(response.body());
        if (response.statusCode() != 200) {
            System.err.println(
                    body.path("code").asText() + ": " + body.path("detail").asText(response.body()));
            return 2;
        }
        if (body.path("intact").asBoolean()) {
            System.out.printf(
                    "intact: %d records checked (seq %s to %s)%s%n",
                    body.path("checked").asLong(),
                    body.path("firstSeq").asText("-"),
                    body.path("lastSeq").asText("-"),
                    body.path("expectedHead").isObject()
                            ? ", head " + body.path("expectedHead").path("seq").asText() + " ("
                                    + body.path("expectedHead").path("source").asText() + ") reached"
                            : "");
            return 0;
        }
        JsonNode broken = body.path("firstBroken");
        System.out.printf(
                "BROKEN at seq %d (decision %s): %s: %s%n",
                broken.path("seq").asLong(),
                broken.path("decisionId").asText(),
                broken.path("problem").asText(),
                broken.path("message").asText());
        return 1;
    }

    private int offline(Optional<ChainReport.ExpectedHead> head) throws IOException {
        ChainKeys keys = null;
        if (keyFile != null) {
            byte[] key = Base64.getDecoder().decode(Files.readString(keyFile).trim());
            keys = ChainKeys.of(
                    key, publicKeyFile == null ? null : ChainKeys.publicKey(Files.readString(publicKeyFile)));
        }
        Map<String, ChainReport.ExpectedHead> heads = new HashMap<>();
        head.ifPresent(h -> heads.put(chain, h));
        List<ChainReport> reports = ExportVerifier.verify(file, keys, heads);
        int exit = 0;
        for (ChainReport report : reports) {
            if (report.intact()) {
                System.out.printf(
                        "chain %s intact: %d records checked (seq %s to %s)%s%s%n",
                        report.chainId(),
                        report.checked(),
                        report.firstSeq(),
                        report.lastSeq(),
                        report.keyed() ? ", macs checked" : ", macs NOT checked (no --key-file)",
                        report.expectedHead() == null
                                ? ""
                                : ", head " + report.expectedHead().seq() + " reached");
            } else {
                ChainReport.Break broken = report.firstBroken();
                System.out.printf(
                        "chain %s BROKEN at seq %d (decision %s): %s: %s%n",
                        report.chainId(), broken.seq(), broken.decisionId(), broken.problem(), broken.message());
                exit = 1;
            }
        }
        return exit;
    }

    private Optional<ChainReport.ExpectedHead> expectedHead() throws IOException {
        if (headSeq != null && headHash != null) {
            return Optional.of(new ChainReport.ExpectedHead(headSeq, headHash, "command line"));
        }
        if (headFile != null) {
            Optional<Checkpoint> last = new HeadFile(headFile, false).last(chain);
            return last.map(c -> new ChainReport.ExpectedHead(c.seq(), c.hash(), headFile.toString()));
        }
        return Optional.empty();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
