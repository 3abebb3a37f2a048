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
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code clearance audit-verify}: verifies the decision log, every chain of it (one per instance that wrote
 * decisions), and reports each chain's first broken link; exit 1 when one is broken. Without {@code --file} it
 * asks the running server ({@code GET /v1/audit/verify}); with {@code --file} it checks an export (JSON lines)
 * offline. Either way the expected heads can come from head files or witnesses ({@code --head-file}, each line
 * names its chain) or be given for one chain ({@code --chain}, {@code --head-seq}, {@code --head-hash}).
 *
 * <p>Keys offline: the export carries no key, since a key delivered by the party being checked proves nothing.
 * The operator gives them: {@code --key-file} (the chain key) and {@code --public-key-file} (the checkpoint
 * public key) once for every chain (instances sharing one configured key pair), or as {@code chain=path}, once
 * per chain (instances with keys of their own, each under its data folder). A chain whose chain key is not given
 * is checked without macs and says so; a head file's checkpoint is checked against the chain's keys when both
 * are given, so a forged head file is refused.
 */
@Command(
        name = "audit-verify",
        description = "Verify the audit log's chains (on the server, or an export file offline); exit 1 at a broken"
                + " link.")
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

    @Option(names = "--chain", description = "only this chain (default: every chain)")
    String chain;

    @Option(names = "--file", description = "an export (format=jsonl) to verify offline, without the server")
    Path file;

    @Option(
            names = "--key-file",
            description = "a chain key file (base64), e.g. data/audit/chain.key, for every chain, or chain=file for"
                    + " one chain; repeatable: checks the macs of keyed chains offline")
    List<String> keyFiles = new ArrayList<>();

    // `--key` is the API key, as for `impact`: the server's verify endpoint needs the `auditor` role.
    @Option(
            names = "--key",
            defaultValue = "${env:CLEARANCE_KEY}",
            description = "an API key with the `auditor` role, for the server (default: $CLEARANCE_KEY)")
    String key;

    @Option(
            names = "--public-key-file",
            description = "the checkpoint public key, e.g. data/audit/checkpoint-signing.pub, for every chain, or"
                    + " chain=file for one chain; repeatable")
    List<String> publicKeyFiles = new ArrayList<>();

    @Option(
            names = "--head-file",
            description = "a head file, witness or a folder of them (data/audit/heads): each chain named there must"
                    + " reach its newest checkpoint; repeatable")
    List<Path> headFiles = new ArrayList<>();

    @Option(names = "--head-seq", description = "the expected head's record number (with --head-hash and --chain)")
    Long headSeq;

    @Option(names = "--head-hash", description = "the expected head's hash")
    String headHash;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Map<String, Checkpoint> witnessed = witnessedHeads();
        Map<String, ChainReport.ExpectedHead> heads = new TreeMap<>();
        witnessed.forEach((c, h) -> heads.put(c, new ChainReport.ExpectedHead(h.seq(), h.hash(), "head file")));
        if (headSeq != null || headHash != null) {
            if (headSeq == null || headHash == null || chain == null) {
                System.err.println("--head-seq and --head-hash go together, with --chain naming their chain");
                return 2;
            }
            heads.put(chain, new ChainReport.ExpectedHead(headSeq, headHash, "command line"));
        }
        if (chain != null) {
            heads.keySet().retainAll(Set.of(chain));
        }
        return file != null ? offline(heads, witnessed) : online(heads);
    }

    private int online(Map<String, ChainReport.ExpectedHead> heads) throws IOException, InterruptedException {
        // One request for the chains without a head given here, one per chain with one (a head belongs to a chain).
        Map<String, JsonNode> reports = new TreeMap<>();
        if (chain == null || !heads.containsKey(chain)) {
            JsonNode all = ask(chain, null);
            if (all == null) {
                return 2;
            }
            all.path("chains").forEach(r -> reports.put(r.path("chainId").asText(), r));
        }
        for (Map.Entry<String, ChainReport.ExpectedHead> head : heads.entrySet()) {
            JsonNode one = ask(head.getKey(), head.getValue());
            if (one == null) {
                return 2;
            }
            one.path("chains").forEach(r -> reports.put(r.path("chainId").asText(), r));
        }
        boolean intact = true;
        long checked = 0;
        for (JsonNode r : reports.values()) {
            intact &= r.path("intact").asBoolean();
            checked += r.path("checked").asLong();
        }
        System.out.printf(
                "%s: %d records checked in %d chains%n", intact ? "intact" : "BROKEN", checked, reports.size());
        for (JsonNode r : reports.values()) {
            if (r.path("intact").asBoolean()) {
                System.out.printf(
                        "chain %s intact: %d records checked (seq %s to %s)%s%n",
                        r.path("chainId").asText(),
                        r.path("checked").asLong(),
                        r.path("firstSeq").asText("-"),
                        r.path("lastSeq").asText("-"),
                        r.path("expectedHead").isObject()
                                ? ", head " + r.path("expectedHead").path("seq").asText() + " ("
                                        + r.path("expectedHead").path("source").asText() + ") reached"
                                : "");
            } else {
                JsonNode broken = r.path("firstBroken");
                System.out.printf(
                        "chain %s BROKEN at seq %d (decision %s): %s: %s%n",
                        r.path("chainId").asText(),
                        broken.path("seq").asLong(),
                        broken.path("decisionId").asText(),
                        broken.path("problem").asText(),
                        broken.path("message").asText());
            }
        }
        return intact ? 0 : 1;
    }

    // The server's verification of one chain (or of all when chainId is null); null after printing an error.
    private JsonNode ask(String chainId, ChainReport.ExpectedHead head) throws IOException, InterruptedException {
        List<String> params = new ArrayList<>();
        if (chainId != null) {
            params.add("chain=" + encode(chainId));
        }
        if (from != null) {
            params.add("from=" + encode(from));
        }
        if (to != null) {
            params.add("to=" + encode(to));
        }
        if (head != null) {
            params.add("headSeq=" + head.seq());
            params.add("headHash=" + encode(head.hash()));
        }
        String query = "/v1/audit/verify" + (params.isEmpty() ? "" : "?" + String.join("&", params));
        HttpRequest.Builder builder = HttpRequest.newBuilder(server.resolve(query))
                .timeout(Duration.ofHours(1))
                .GET();
        if (key != null && !key.isBlank()) {
            builder.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> response =
                HttpClient.newHttpClient().send(builder.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = new ObjectMapper().readTree(response.body());
        if (response.statusCode() != 200) {
            System.err.println(
                    body.path("code").asText() + ": " + body.path("detail").asText(response.body()));
            return null;
        }
        return body;
    }

    private int offline(Map<String, ChainReport.ExpectedHead> heads, Map<String, Checkpoint> witnessed)
            throws IOException {
        Map<String, byte[]> chainKeys =
                read(keyFiles, text -> Base64.getDecoder().decode(text.trim()));
        Map<String, PublicKey> publicKeys = read(publicKeyFiles, ChainKeys::publicKey);
        Function<String, ChainKeys> keys = c -> {
            byte[] hmac = chainKeys.getOrDefault(c, chainKeys.get(ALL));
            return hmac == null ? null : ChainKeys.of(hmac, publicKeys.getOrDefault(c, publicKeys.get(ALL)));
        };
        int exit = 0;
        // A head file is only as good as its signature: a forged one could hide a truncation.
        for (Map.Entry<String, Checkpoint> head : witnessed.entrySet()) {
            ChainKeys k = keys.apply(head.getKey());
            boolean canCheck = k != null && (publicKeys.containsKey(head.getKey()) || publicKeys.containsKey(ALL));
            if (canCheck && !head.getValue().authentic(k)) {
                System.out.printf(
                        "chain %s BROKEN: the head file's checkpoint at seq %d is not signed with the chain's keys%n",
                        head.getKey(), head.getValue().seq());
                exit = 1;
            }
        }
        List<ChainReport> reports = ExportVerifier.verify(file, keys, heads);
        if (chain != null) {
            reports = reports.stream().filter(r -> r.chainId().equals(chain)).toList();
        }
        for (ChainReport report : reports) {
            if (report.intact()) {
                System.out.printf(
                        "chain %s intact: %d records checked (seq %s to %s)%s%s%n",
                        report.chainId(),
                        report.checked(),
                        report.firstSeq(),
                        report.lastSeq(),
                        report.keyed() ? ", macs checked" : ", macs NOT checked (no --key-file for it)",
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

    // Key of a map of per-chain files that holds the file given for every chain.
    private static final String ALL = "";

    /** {@code file} or {@code chain=file} options, read: by chain, the file for every chain under {@link #ALL}. */
    private static <T> Map<String, T> read(List<String> options, Function<String, T> parse) throws IOException {
        Map<String, T> read = new HashMap<>();
        for (String option : options) {
            int eq = option.indexOf('=');
            String chainId = eq < 0 ? ALL : option.substring(0, eq);
            Path path = Path.of(eq < 0 ? option : option.substring(eq + 1));
            read.put(chainId, parse.apply(Files.readString(path)));
        }
        return read;
    }

    /** The newest checkpoint of every chain named in the head files (a folder: every file in it). */
    private Map<String, Checkpoint> witnessedHeads() throws IOException {
        Map<String, Checkpoint> heads = new TreeMap<>();
        for (Path given : headFiles) {
            List<Path> files;
            if (Files.isDirectory(given)) {
                try (Stream<Path> list = Files.list(given)) {
                    files = list.filter(Files::isRegularFile).sorted().toList();
                }
            } else {
                files = List.of(given);
            }
            for (Path headFile : files) {
                for (Checkpoint newest : new HeadFile(headFile, false).newestPerChain()) {
                    heads.merge(newest.chainId(), newest, (a, b) -> a.seq() >= b.seq() ? a : b);
                }
            }
        }
        return heads;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
