package io.clearance.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Verifies a JSON-lines export away from the server and its database: per chain, the records in seq order
 * from 1, their hashes and evidence, their macs when given the chain key, and the head when given one (from a
 * head file or witness). Holds the export's records in memory, grouped by chain: meant for an export file, not
 * for a whole multi-gigabyte history at once.
 */
public final class ExportVerifier {

    private static final JsonFactory JSON = new JsonFactory();

    private ExportVerifier() {}

    /**
     * @param keys the chain keys of every chain, or {@code null} to skip macs (they cannot be checked without the
     *     key)
     * @param heads the expected head per chain id (may be empty)
     */
    public static List<ChainReport> verify(Path export, ChainKeys keys, Map<String, ChainReport.ExpectedHead> heads)
            throws IOException {
        return verify(export, chain -> keys, heads);
    }

    /**
     * @param keys the keys of each chain, {@code null} for a chain whose macs cannot be checked (instances that
     *     generated keys of their own each hold theirs)
     * @param heads the expected head per chain id (may be empty)
     */
    public static List<ChainReport> verify(
            Path export, Function<String, ChainKeys> keys, Map<String, ChainReport.ExpectedHead> heads)
            throws IOException {
        Map<String, TreeMap<Long, AuditRecord>> chains = new TreeMap<>();
        try (BufferedReader reader = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    AuditRecord r = parse(line);
                    chains.computeIfAbsent(r.chainId(), c -> new TreeMap<>()).put(r.seq(), r);
                }
            }
        }
        heads.keySet().forEach(chain -> chains.computeIfAbsent(chain, c -> new TreeMap<>()));
        List<ChainReport> reports = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        for (Map.Entry<String, TreeMap<Long, AuditRecord>> chain : chains.entrySet()) {
            ChainReport.ExpectedHead head = heads.get(chain.getKey());
            TreeMap<Long, AuditRecord> records = chain.getValue();
            ChainKeys chainKeys = keys.apply(chain.getKey());
            boolean keyed = !AuditRecord.LEGACY_CHAIN.equals(chain.getKey()) && chainKeys != null;
            ChainCheck check = new ChainCheck(chainKeys, mapper, 1, ChainHash.GENESIS, head);
            ChainReport.Break broken = null;
            for (AuditRecord r : records.values()) {
                broken = check.accept(r, null, null);
                if (broken != null) {
                    break;
                }
            }
            if (broken == null) {
                broken = check.finish();
            }
            Long first = records.isEmpty() ? null : records.firstKey();
            Long last = records.isEmpty() ? null : records.lastKey();
            reports.add(new ChainReport(
                    null, null, first, last, check.checked(), broken == null, broken, chain.getKey(), keyed, head, 0));
        }
        return reports;
    }

    /** One export line back into a record; the request and answer keep their exact text (the hashes cover it). */
    static AuditRecord parse(String line) throws IOException {
        Map<String, String> text = new HashMap<>();
        Map<String, String> raw = new HashMap<>();
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("an export line is a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    int start = (int) p.currentTokenLocation().getCharOffset();
                    p.skipChildren();
                    int end = (int) p.currentLocation().getCharOffset();
                    raw.put(name, line.substring(start, end));
                } else if (value != JsonToken.VALUE_NULL) {
                    text.put(name, p.getText());
                }
            }
        }
        String registry = text.get("registryVersion");
        return new AuditRecord(
                text.getOrDefault("chainId", AuditRecord.LEGACY_CHAIN),
                Long.parseLong(text.get("seq")),
                text.get("decisionId"),
                Instant.parse(text.get("decidedAt")),
                text.get("decidedAtExact"),
                text.get("caller"),
                text.get("subject"),
                text.get("action"),
                text.get("onBehalfOf"),
                raw.get("request"),
                text.get("decision"),
                text.get("errorCode"),
                Integer.parseInt(text.get("httpStatus")),
                text.get("policyVersion"),
                registry == null ? null : Long.valueOf(registry),
                Long.parseLong(text.get("latencyMicros")),
                raw.get("answer"),
                text.get("evidenceHash"),
                text.get("prevHash"),
                text.get("hash"),
                text.get("mac"));
    }
}
