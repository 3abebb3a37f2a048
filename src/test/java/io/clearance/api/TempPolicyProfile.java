package io.clearance.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the application on a private copy of {@code rules/} and {@code policies/}, so that tests can edit,
 * break and reload rule files without touching the bundled ones.
 */
public class TempPolicyProfile implements QuarkusTestProfile {

    static final Path ROOT = copyBundledPolicy();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "clearance.rules-dir",
                ROOT.resolve("rules").toString(),
                "clearance.policies-dir",
                ROOT.resolve("policies").toString(),
                "clearance.watch.debounce",
                "100ms",
                // The watcher is off by default; the author's-loop tests exercise it.
                "clearance.policy.watch",
                "true");
    }

    static Path rules() {
        return ROOT.resolve("rules");
    }

    /** Puts the bundled rule files back, byte for byte. */
    static void restoreBundledRules() {
        copyTree(Path.of("rules"), rules());
        try (Stream<Path> files = Files.list(rules())) {
            for (Path extra : files.filter(f -> !Files.exists(
                            Path.of("rules").resolve(f.getFileName().toString())))
                    .toList()) {
                Files.delete(extra);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path copyBundledPolicy() {
        try {
            Path root = Files.createTempDirectory("clearance-policy-");
            copyTree(Path.of("rules"), root.resolve("rules"));
            copyTree(Path.of("policies"), root.resolve("policies"));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!Files.exists(target) || Files.mismatch(file, target) != -1) {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
