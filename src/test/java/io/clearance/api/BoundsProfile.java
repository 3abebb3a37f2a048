package io.clearance.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The application with a small worker pool and short client deadlines, so that tests of the service's
 * bounds show starvation with tens of connections rather than hundreds, and finish in seconds.
 */
public class BoundsProfile implements QuarkusTestProfile {

    static final int WORKER_THREADS = 16;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.thread-pool.max-threads",
                String.valueOf(WORKER_THREADS),
                "clearance.http.body-read-timeout",
                "8s");
    }
}
