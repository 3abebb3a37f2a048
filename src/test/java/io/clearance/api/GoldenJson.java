package io.clearance.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compares a response body with a golden file under {@code src/test/resources/golden/api/}: pretty-printed
 * JSON text, field order included (field order is part of the contract), after masking what differs from
 * run to run (ids, instants, content hashes, timings, paths).
 *
 * <p>Run with {@code -Dgolden.update=true} to write the files afresh; review the diff before committing.
 */
final class GoldenJson {

    private static final Path DIR = Path.of("src/test/resources/golden/api");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Fields whose values change from run to run; their value is replaced, their presence and place kept. */
    private static final Set<String> MASKED = Set.of(
            "decisionId",
            "seq",
            "firstSeq",
            "lastSeq",
            "checked",
            "decidedAt",
            "servingSince",
            "since",
            "at",
            "from",
            "to",
            "version",
            "policyVersion",
            "activeVersion",
            "candidateVersion",
            "shadowVersion",
            "liveVersion",
            "shadowing",
            "prevHash",
            "hash",
            "latencyMicros",
            "elapsedMillis",
            "registryVersion",
            "rulesDir",
            "nextCursor",
            "instance");

    /**
     * Arrays whose order changes from one start to the next today: the rule set's parameters are collected
     * from a Drools session, whose fact order is not stable. Their elements are compared sorted.
     */
    private static final Set<String> UNORDERED =
            Set.of("bans", "restrictedActions", "ownershipTests", "seedKinds", "controlBases");

    /** Rule-set versions (content hashes) and instants inside free text, such as a problem's detail. */
    private static final Map<Pattern, String> IN_TEXT = Map.of(
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z"), "<instant>",
            Pattern.compile("\\b[0-9a-f]{12,64}\\b"), "<hash>");

    private GoldenJson() {}

    static void assertGolden(String name, String body) {
        String actual = pretty(mask(read(body)));
        Path file = DIR.resolve(name + ".json");
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(DIR);
                Files.writeString(file, actual);
                return;
            }
            Path written = Path.of("target/golden/api").resolve(name + ".json");
            Files.createDirectories(written.getParent());
            Files.writeString(written, actual);
            assertEquals(
                    Files.readString(file),
                    actual,
                    "response differs from golden file " + file + "; the response is in " + written);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode mask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (MASKED.contains(field.getKey()) && !field.getValue().isNull()) {
                    field.setValue(new TextNode("<" + field.getKey() + ">"));
                } else if (UNORDERED.contains(field.getKey()) && field.getValue() instanceof ArrayNode array) {
                    field.setValue(sorted((ArrayNode) mask(array)));
                } else {
                    field.setValue(mask(field.getValue()));
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, mask(array.get(i)));
            }
        } else if (node.isTextual()) {
            String text = node.asText();
            for (Map.Entry<Pattern, String> mask : IN_TEXT.entrySet()) {
                text = mask.getKey().matcher(text).replaceAll(mask.getValue());
            }
            return new TextNode(text);
        }
        return node;
    }

    private static ArrayNode sorted(ArrayNode array) {
        List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        elements.sort(Comparator.comparing(JsonNode::toString));
        ArrayNode sorted = JSON.createArrayNode();
        elements.forEach(sorted::add);
        return sorted;
    }

    private static String pretty(JsonNode node) {
        try {
            DefaultPrettyPrinter printer =
                    new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
            return JSON.writer(printer).writeValueAsString(node) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
