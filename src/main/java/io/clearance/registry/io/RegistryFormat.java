package io.clearance.registry.io;

import java.nio.file.Path;
import java.util.Locale;

/** The formats of a registry file, told apart by the file name (see {@link RegistryFile}). */
public enum RegistryFormat {
    CSV,
    JSONL,
    YAML,
    BODS;

    public static RegistryFormat of(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return JSONL;
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return YAML;
        }
        if (name.endsWith(".json")) {
            return BODS;
        }
        throw new IllegalArgumentException("`" + file + "` ends in none of .csv, .jsonl, .ndjson, .yaml, .json");
    }

    /** Whether {@link RegistryFile#write} can produce this format; YAML and BODS are only read. */
    public boolean writable() {
        return this == CSV || this == JSONL;
    }
}
