package io.clearance.registry.io;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.registry.RegistryRejection;
import io.clearance.registry.RegistrySink;
import io.clearance.registry.StakeSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

/**
 * Reads a registry written as JSON Lines: one {@code party} or {@code stake} record a line, with the stake
 * fields of the HTTP contract; a field a record does not have is refused.
 */
final class JsonLinesRegistryReader {

    private static final Set<String> JSONL_PARTY_FIELDS =
            Set.of("record", "id", "name", "kind", "country", "nationality");
    private static final Set<String> JSONL_STAKE_FIELDS =
            Set.of("record", "owned", "owner", "percent", "control", "validFrom", "validTo");

    private JsonLinesRegistryReader() {}

    static void read(Path file, RegistrySink sink) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode row = json.readTree(line);
                    if (row.path("record").asText().equals("party")) {
                        onlyFields(row, JSONL_PARTY_FIELDS);
                        JsonNode nationality = row.path("nationality");
                        sink.party(new PartyInfo(
                                row.path("id").asText(),
                                row.path("name").asText(),
                                PartyKind.valueOf(row.path("kind").asText()),
                                row.path("country").asText(),
                                nationality.isTextual() ? nationality.asText() : null));
                    } else {
                        onlyFields(row, JSONL_STAKE_FIELDS);
                        JsonNode percent = row.get("percent");
                        if (percent != null && percent.isTextual()) {
                            // Files written before V5 hold the percentage as text.
                            percent = RegistryFile.number(percent.asText());
                        }
                        sink.stake(
                                row.path("owned").asText(),
                                row.path("owner").asText(),
                                StakeSpec.read(percent, row.get("control"), row.get("validFrom"), row.get("validTo")));
                    }
                } catch (RegistryRejection | IllegalArgumentException | IOException e) {
                    throw RegistryFile.refused(file, "line " + number, e);
                }
            }
        }
    }

    private static void onlyFields(JsonNode row, Set<String> allowed) {
        for (Iterator<String> names = row.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("field `" + name + "` is not part of a `"
                        + row.path("record").asText() + "` record");
            }
        }
    }
}
