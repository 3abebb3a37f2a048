package io.clearance.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of an API key, {@code clr_<id>_<secret>}: a 64-bit id that names the key in logs and the audit
 * trail, and 256 random bits from {@link SecureRandom}. The store keeps only the SHA-256 of the whole key.
 *
 * <p>Why a plain SHA-256 and not bcrypt or Argon2: those slow a guesser down on low-entropy passwords. A
 * key with 256 random bits cannot be guessed from its hash at any speed, so a fast hash loses nothing and
 * keeps each request's check to a microsecond. Hashes are compared with {@link MessageDigest#isEqual},
 * which takes the same time wherever the first difference is.
 */
public final class ApiKeySecret {

    public static final String PREFIX = "clr_";
    private static final Pattern SHAPE = Pattern.compile("clr_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecret() {}

    /** A new key and its id. */
    public static Generated generate() {
        byte[] idBytes = new byte[8];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(idBytes);
        RANDOM.nextBytes(secret);
        String id = HexFormat.of().formatHex(idBytes);
        String key = PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new Generated(id, key);
    }

    /** The id inside a key of Clearance's shape, or empty for anything else. */
    public static Optional<String> idOf(String key) {
        Matcher m = SHAPE.matcher(key);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** SHA-256 of the key, hex. */
    public static String hash(String key) {
        return HexFormat.of().formatHex(digest(key));
    }

    /** Whether {@code key} hashes to {@code expectedHash}, in time independent of where they differ. */
    public static boolean matches(String key, String expectedHash) {
        byte[] expected;
        try {
            expected = HexFormat.of().parseHex(expectedHash);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(digest(key), expected);
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A key as generated: shown to its owner once, then only its hash is kept. */
    public record Generated(String id, String key) {}
}
