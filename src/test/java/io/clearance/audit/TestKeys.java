package io.clearance.audit;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/** Chain keys for plain tests: a fixed HMAC key and a fresh Ed25519 pair. */
final class TestKeys {

    private TestKeys() {}

    static ChainKeys keys() {
        return keysWith((byte) 7);
    }

    static ChainKeys other() {
        return keysWith((byte) 8);
    }

    private static ChainKeys keysWith(byte fill) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] hmac = new byte[32];
            Arrays.fill(hmac, fill);
            return ChainKeys.load(
                    Optional.of(Base64.getEncoder().encodeToString(hmac)),
                    Optional.of(
                            Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())),
                    Optional.of(
                            Base64.getEncoder().encodeToString(pair.getPublic().getEncoded())),
                    java.nio.file.Path.of("target", "test-keys"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
