package io.clearance.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Authentication on (as shipped), a small import limit, a short stall timeout and a spool directory of the test's
 * own, so that uploads over the limit, stalled or refused can be made in seconds and their spool files counted.
 */
public class ImportUploadProfile implements QuarkusTestProfile {

    static final String ADMIN_KEY = "clr_upload-admin-0123456789abcdef0123456789abcdef";
    static final String SPOOL = "target/import-upload-spool";
    static final long MAX_BYTES = 8L * 1024 * 1024;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "clearance.auth.enabled", "true",
                "clearance.auth.admin-key", ADMIN_KEY,
                "clearance.import.max-body-size", "8M",
                "clearance.import.body-stall-timeout", "2s",
                "clearance.import.spool-directory", SPOOL);
    }
}
