package io.clearance.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * The keys the database does not hold: the HMAC-SHA256 key that authenticates every record of the chain, and
 * the Ed25519 key pair that signs checkpoints. Each comes from configuration, or is generated at first start
 * into the data folder (owner-only permissions) and reused after; the log says which.
 *
 * <p>Trade-off of a generated key: it keeps someone with database access only from rewriting the chain, but
 * not someone with the server's file system. A key from a secret store (environment) separates the two.
 */
public final class ChainKeys {

    private static final Logger LOG = Logger.getLogger(ChainKeys.class);
    static final String CHAIN_KEY_FILE = "chain.key";
    static final String SIGNING_KEY_FILE = "checkpoint-signing.key";
    static final String PUBLIC_KEY_FILE = "checkpoint-signing.pub";

    private final byte[] hmacKey;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);
    private final PrivateKey signingKey;
    private final PublicKey publicKey;

    ChainKeys(byte[] hmacKey, PrivateKey signingKey, PublicKey publicKey) {
        if (hmacKey.length < 32) {
            throw new IllegalArgumentException("the audit chain key needs at least 32 bytes (256 bits)");
        }
        this.hmacKey = hmacKey.clone();
        this.signingKey = signingKey;
        this.publicKey = publicKey;
    }

    /** Reads the keys from configuration, else from the data folder, generating there what is missing. */
    public static ChainKeys load(
            Optional<String> chainKey, Optional<String> signingKey, Optional<String> signingPublicKey, Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            byte[] hmac;
            if (chainKey.isPresent()) {
                hmac = Base64.getDecoder().decode(chainKey.get().trim());
                LOG.info("audit chain key: from configuration (clearance.audit.chain-key)");
            } else {
                hmac = fileOrGenerated(dataDir.resolve(CHAIN_KEY_FILE));
            }
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            PrivateKey privateKey;
            PublicKey publicKey;
            if (signingKey.isPresent()) {
                privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(
                        Base64.getDecoder().decode(signingKey.get().trim())));
                publicKey = publicKey(signingPublicKey.orElseThrow(() -> new IllegalStateException(
                        "clearance.audit.signing-key needs clearance.audit.signing-public-key beside it")));
            } else {
                Path privateFile = dataDir.resolve(SIGNING_KEY_FILE);
                Path publicFile = dataDir.resolve(PUBLIC_KEY_FILE);
                if (!Files.exists(privateFile)) {
                    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                    write(
                            publicFile,
                            Base64.getEncoder().encode(pair.getPublic().getEncoded()),
                            false);
                    write(
                            privateFile,
                            Base64.getEncoder().encode(pair.getPrivate().getEncoded()),
                            true);
                    LOG.warnf(
                            "audit checkpoint signing key generated into %s (mode 0600), public key in %s",
                            privateFile, publicFile);
                }
                privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(
                        Base64.getDecoder().decode(Files.readString(privateFile).trim())));
                publicKey = publicKey(Files.readString(publicFile));
            }
            return new ChainKeys(hmac, privateKey, publicKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the audit keys in " + dataDir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the audit signing key is not an Ed25519 PKCS#8 key", e);
        }
    }

    /** Keys for tests and the offline verifier (no signing key: checkpoints are checked, never signed). */
    public static ChainKeys of(byte[] hmacKey, PublicKey publicKey) {
        return new ChainKeys(hmacKey, null, publicKey);
    }

    /** HMAC-SHA256 of the text, hex. */
    public String mac(String text) {
        // doFinal resets the Mac to its initialised state, so each thread keeps one: looking up the provider
        // and expanding the key cost more than the MAC of a record (it is computed for every decision).
        return HexFormat.of().formatHex(macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    /** Ed25519 signature of the text, base64. */
    public String sign(String text) {
        if (signingKey == null) {
            throw new IllegalStateException("these keys only verify");
        }
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(signingKey);
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime since 15 has Ed25519", e);
        }
    }

    public boolean verifySignature(String text, String base64Signature) {
        if (publicKey == null || base64Signature == null) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(publicKey);
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(base64Signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The public half of the signing key, X.509 base64, for anyone who checks checkpoints. */
    public String publicKeyBase64() {
        return publicKey == null ? null : Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    public static PublicKey publicKey(String x509Base64) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(x509Base64.trim())));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    private static byte[] fileOrGenerated(Path file) throws IOException {
        if (Files.exists(file)) {
            LOG.infof("audit chain key: %s", file);
            return Base64.getDecoder().decode(Files.readString(file).trim());
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        write(file, Base64.getEncoder().encode(key), true);
        LOG.warnf(
                "audit chain key generated into %s (mode 0600): it guards the chain against database edits, not"
                        + " against anyone who can read this folder; set clearance.audit.chain-key from a secret"
                        + " store to separate the two",
                file);
        return key;
    }

    private static void write(Path file, byte[] content, boolean secret) throws IOException {
        try {
            if (secret) {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (UnsupportedOperationException e) {
            // A file system without POSIX permissions (Windows): the folder's own permissions apply.
            Files.createFile(file);
        }
        Files.write(file, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
