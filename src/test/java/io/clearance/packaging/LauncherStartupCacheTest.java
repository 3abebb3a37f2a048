package io.clearance.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/clearance} gives the server the JVM start-up archive of its Java version: the first start
 * writes it (under a temporary name, kept only once written), every later start maps it, and the command
 * line never uses one. Checked without a JVM by a {@code java} that prints its arguments and writes the file
 * an archive flag names, in a folder with the {@code release} file a JDK has.
 */
class LauncherStartupCacheTest {

    private static final Path LAUNCHER = Path.of("scripts/clearance").toAbsolutePath();
    private static final String JAR =
            Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString();

    @TempDir
    Path work;

    @Test
    void java17WritesAnAppCdsArchiveOnceAndMapsItAfterwards() throws Exception {
        Path jdk = fakeJdk("17.0.15");

        List<String> first = run(jdk);
        assertTrue(first.get(0).startsWith("-XX:ArchiveClassesAtExit=data/startup-cache/"), first.toString());
        assertEquals(List.of("-Xlog:cds=error", "-jar", JAR), first.subList(1, first.size()));
        List<Path> archives = archives();
        assertEquals(1, archives.size());
        assertTrue(archives.get(0).toString().endsWith(".jsa"), archives.toString());

        assertEquals(
                List.of(
                        "-XX:SharedArchiveFile=data/startup-cache/"
                                + archives.get(0).getFileName(),
                        "-jar",
                        JAR),
                run(jdk));
        assertEquals(List.of("-jar", JAR, "validate", "rules/"), run(jdk, "validate", "rules/"));
    }

    @Test
    void java25UsesTheAheadOfTimeCache() throws Exception {
        Path jdk = fakeJdk("25.0.1");

        assertTrue(run(jdk).get(0).startsWith("-XX:AOTCacheOutput=data/startup-cache/"));
        Path cache = archives().get(0);
        assertTrue(cache.toString().endsWith(".aot"), cache.toString());
        assertEquals(
                List.of("-XX:AOTCache=data/startup-cache/" + cache.getFileName(), "-jar", JAR, "serve"),
                run(jdk, "serve"));
    }

    @Test
    void aJvmThatCrashesWhileWritingLeavesNoArchive() throws Exception {
        Path jdk = fakeJdk("17.0.15", 134);

        run(jdk, 134, List.of());

        assertEquals(List.of(), archives());
    }

    @Test
    void offStartsWithoutAnArchive() throws Exception {
        Path jdk = fakeJdk("17.0.15");

        assertEquals(List.of("-jar", JAR), run(jdk, List.of("CLEARANCE_STARTUP_CACHE=off")));
        assertEquals(List.of(), archives());
    }

    private Path fakeJdk(String version) throws IOException {
        return fakeJdk(version, 0);
    }

    private Path fakeJdk(String version, int exitCode) throws IOException {
        Path home = work.resolve("jdk-" + version);
        Path bin = Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        Path java = bin.resolve("java");
        Files.writeString(
                java,
                "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; case \"$a\" in -XX:ArchiveClassesAtExit=*|"
                        + "-XX:AOTCacheOutput=*) echo archive > \"${a#*=}\";; esac; done\nexit " + exitCode + "\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    private List<String> run(Path jdk, String... args) throws IOException, InterruptedException {
        return run(jdk, List.of(), args);
    }

    private List<String> run(Path jdk, List<String> env, String... args) throws IOException, InterruptedException {
        return run(jdk, 0, env, args);
    }

    private List<String> run(Path jdk, int exitCode, List<String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        builder.environment().put("PATH", jdk.resolve("bin") + ":/usr/bin:/bin");
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("CLEARANCE_STARTUP_CACHE_DIR");
        for (String variable : env) {
            String[] pair = variable.split("=", 2);
            builder.environment().put(pair[0], pair[1]);
        }
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(exitCode, process.waitFor(), out);
        return out.lines().toList();
    }

    private List<Path> archives() throws IOException {
        Path folder = work.resolve("data/startup-cache");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
