package io.clearance.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's entrypoint hands {@code docker run} arguments to the jar, so the command line runs through
 * the image; checked without Docker by putting a {@code java} that prints its arguments first on the PATH.
 */
class DockerEntrypointTest {

    @Test
    void passesArgumentsAndJavaOptionsToTheJar(@TempDir Path bin) throws Exception {
        Path fakeJava = bin.resolve("java");
        Files.writeString(fakeJava, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));

        List<String> args = run(bin, "-Xmx1g -XX:+ExitOnOutOfMemoryError", "validate", "rules dir/");

        assertEquals(
                List.of(
                        "-Xmx1g",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-jar",
                        "/app/quarkus-app/quarkus-run.jar",
                        "validate",
                        "rules dir/"),
                args);
    }

    @Test
    void startsTheServerWithoutArguments(@TempDir Path bin) throws Exception {
        Path fakeJava = bin.resolve("java");
        Files.writeString(fakeJava, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertEquals(List.of("-jar", "/app/quarkus-app/quarkus-run.jar"), run(bin, "", new String[0]));
    }

    @Test
    void theServerMapsTheImagesClassDataArchiveAndTheCommandLineDoesNot(@TempDir Path bin) throws Exception {
        Path fakeJava = bin.resolve("java");
        Files.writeString(fakeJava, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path archive = Files.createFile(bin.resolve("app-cds.jsa"));

        assertEquals(
                List.of("-XX:SharedArchiveFile=" + archive, "-jar", "/app/quarkus-app/quarkus-run.jar"),
                runWith(bin, archive.toString(), ""));
        assertEquals(
                List.of("-jar", "/app/quarkus-app/quarkus-run.jar", "validate", "rules/"),
                runWith(bin, archive.toString(), "", "validate", "rules/"));
    }

    private static List<String> run(Path bin, String javaOpts, String... args)
            throws IOException, InterruptedException {
        return runWith(bin, "", javaOpts, args);
    }

    private static List<String> runWith(Path bin, String archive, String javaOpts, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", "docker/entrypoint.sh"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":/usr/bin:/bin");
        builder.environment().put("JAVA_OPTS", javaOpts);
        builder.environment().put("CLEARANCE_CDS_ARCHIVE", archive);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), out);
        return out.lines().toList();
    }
}
