package io.clearance.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A start prints no warning a user cannot act on: not Flyway's notice about the H2 version, not Drools'
 * class-reactivity warnings while the bundled rules compile, not Quarkus' virtual-thread notice on Java 17.
 * The server starts as an operator who configured it runs it (authentication on, an admin key and the audit
 * keys given), so that the first-start notices meant for them (a generated key, shown once) do not apply;
 * its whole log, from the first line, goes to a file that the test reads.
 */
@QuarkusTest
@TestProfile(QuietStartTest.Configured.class)
class QuietStartTest {

    private static final Path LOG = logFile();

    /** The shipped settings with authentication on and every key given; the log also to {@link #LOG}. */
    public static class Configured implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                KeyPair signing = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                byte[] chainKey = new byte[32];
                new SecureRandom().nextBytes(chainKey);
                Base64.Encoder base64 = Base64.getEncoder();
                return Map.of(
                        "clearance.auth.enabled",
                        "true",
                        "clearance.auth.admin-key",
                        "clr_quiet-start-0123456789abcdef0123456789abcdef",
                        "clearance.audit.chain-key",
                        base64.encodeToString(chainKey),
                        "clearance.audit.signing-key",
                        base64.encodeToString(signing.getPrivate().getEncoded()),
                        "clearance.audit.signing-public-key",
                        base64.encodeToString(signing.getPublic().getEncoded()),
                        "quarkus.log.file.enabled",
                        "true",
                        "quarkus.log.file.path",
                        LOG.toString(),
                        "quarkus.log.file.format",
                        "%-5p [%c] %s%n");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Ed25519 is part of every Java 17", e);
            }
        }
    }

    @Test
    void theStartLogsNoWarningAndNoError() throws IOException {
        List<String> lines = Files.readAllLines(LOG);
        assertTrue(lines.stream().anyMatch(line -> line.contains("started in")), "the log is the start's: " + lines);
        List<String> loud = lines.stream()
                .filter(line -> line.startsWith("WARN") || line.startsWith("ERROR"))
                .toList();
        assertEquals(List.of(), loud);
    }

    private static Path logFile() {
        try {
            return Files.createTempDirectory("clearance-quiet-start-").resolve("start.log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
