package io.clearance.security;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The application as shipped, authentication on (the rest of the suite runs with it off), with an admin key
 * from the environment and a JWT issuer whose key pair the tests generate ({@link TestJwt}).
 */
public class SecuredProfile implements QuarkusTestProfile {

    /** The operator's admin key, as {@code CLEARANCE_ADMIN_KEY} would give it. */
    static final String ADMIN_KEY = "clr_test-admin-0123456789abcdef0123456789abcdef";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "clearance.auth.enabled",
                "true",
                "clearance.auth.admin-key",
                ADMIN_KEY,
                "clearance.auth.allowed-origins",
                "https://console.example.test",
                "mp.jwt.verify.issuer",
                TestJwt.ISSUER,
                "mp.jwt.verify.audiences",
                TestJwt.AUDIENCE,
                "mp.jwt.verify.publickey.location",
                TestJwt.publicKeyFile().toUri().toString(),
                "smallrye.jwt.path.groups",
                TestJwt.ROLES_CLAIM);
    }
}
