package io.clearance.security;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;

/** A first start: authentication on, no key stored, none in the environment, a file for the created key. */
public class BootstrapProfile implements QuarkusTestProfile {

    static final Path KEY_FILE =
            Path.of("target", "security-test-bootstrap", "admin-key").toAbsolutePath();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("clearance.auth.enabled", "true", "clearance.auth.bootstrap-key-file", KEY_FILE.toString());
    }
}
