package io.clearance.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One rule file as read from disk or received from an author, by its name relative to the rules folder.
 * Files are read whole into memory before anything compiles, so a half-saved file is never compiled.
 */
public record RuleSource(String name, String content) {

    /** Every {@code *.drl} file below {@code directory}, sorted by name so that versions are reproducible. */
    public static List<RuleSource> readDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new UncheckedIOException(new IOException("rules folder `" + directory + "` does not exist"));
        }
        try (Stream<Path> files = Files.walk(directory)) {
            List<RuleSource> sources = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".drl") && Files.isRegularFile(f))
                    .toList()) {
                String name = directory.relativize(file).toString().replace('\\', '/');
                sources.add(new RuleSource(name, Files.readString(file, StandardCharsets.UTF_8)));
            }
            sources.sort(Comparator.comparing(RuleSource::name));
            return List.copyOf(sources);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
