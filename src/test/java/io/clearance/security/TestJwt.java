package io.clearance.security;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * An identity provider for the tests: an RSA key pair generated once per build under {@code target/}, the
 * public half for the server's configuration, the private half to sign tokens. Files rather than fields,
 * because the profile and the tests may live in different class loaders.
 */
final class TestJwt {

    static final String ISSUER = "https://idp.example.test";
    static final String AUDIENCE = "clearance";
    static final String ROLES_CLAIM = "clearance_roles";
    private static final Path DIR = Path.of("target", "security-test-jwt");

    private TestJwt() {}

    static synchronized Path publicKeyFile() {
        Path file = DIR.resolve("public.pem");
        if (!Files.exists(file)) {
            generate();
        }
        return file.toAbsolutePath();
    }

    /** A token as the identity provider would issue it: subject, roles, audience, valid for an hour. */
    static String token(String subject, Set<String> roles) {
        return Jwt.issuer(ISSUER)
                .subject(subject)
                .audience(AUDIENCE)
                .claim(ROLES_CLAIM, roles)
                .expiresAt(Instant.now().plus(Duration.ofHours(1)))
                .sign(privateKey());
    }

    /** Signed by the right key but for another audience. */
    static String tokenForAudience(String subject, Set<String> roles, String audience) {
        return Jwt.issuer(ISSUER)
                .subject(subject)
                .audience(audience)
                .claim(ROLES_CLAIM, roles)
                .expiresAt(Instant.now().plus(Duration.ofHours(1)))
                .sign(privateKey());
    }

    /** Right claims, signed by a key the server does not know. */
    static String forgedToken(String subject, Set<String> roles) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.issuer(ISSUER)
                    .subject(subject)
                    .audience(AUDIENCE)
                    .claim(ROLES_CLAIM, roles)
                    .expiresAt(Instant.now().plus(Duration.ofHours(1)))
                    .sign(generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey() {
        publicKeyFile();
        try {
            String pem = Files.readString(DIR.resolve("private.pem"), StandardCharsets.US_ASCII);
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(DIR);
            Files.writeString(
                    DIR.resolve("private.pem"),
                    pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(
                    DIR.resolve("public.pem"),
                    pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
