package io.clearance.registry.io;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.clearance.registry.RegistryData;
import io.clearance.registry.RegistryRejection;
import io.clearance.registry.RegistrySink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a registry written as YAML data ({@code parties:} and {@code stakes:}), as the demo registry is. */
public final class YamlRegistryReader {

    private YamlRegistryReader() {}

    /** Reads a registry written as data, as the demo registry is. */
    public static RegistryData readData(InputStream in) throws IOException {
        // Decimals as written: 33.333333 must not pass through a double; a misspelt key is an error.
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return yaml.readValue(in, RegistryData.class);
    }

    static void read(Path file, RegistrySink sink) throws IOException {
        RegistryData data;
        try (InputStream in = Files.newInputStream(file)) {
            data = readData(in);
        }
        int index = 0;
        for (RegistryData.PartyData party : data.parties()) {
            try {
                sink.party(party.toInfo());
            } catch (RegistryRejection | IllegalArgumentException | NullPointerException e) {
                throw RegistryFile.refused(file, "parties[" + index + "]", e);
            }
            index++;
        }
        index = 0;
        for (RegistryData.StakeData stake : data.stakes()) {
            try {
                sink.stake(stake.owned(), stake.owner(), stake.terms());
            } catch (RegistryRejection | IllegalArgumentException e) {
                throw RegistryFile.refused(file, "stakes[" + index + "]", e);
            }
            index++;
        }
    }
}
