package io.clearance.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An instance leaves service in the order a load balancer needs: on SIGTERM its readiness answers 503 while
 * it still serves (so traffic moves away before the port closes), and only then does it stop. Checked on the
 * packaged jar in its production profile, where the delay is configured.
 */
class GracefulShutdownIT {

    @Test
    void readinessGoesDownBeforeThePortCloses() throws Exception {
        try (PackagedServer server = PackagedServer.start(Map.of("CLEARANCE_AUTH_ENABLED", "false"))) {
            assertEquals(200, server.status("/q/health/ready"), String.join("\n", server.startLog()));

            server.process().destroy(); // SIGTERM, as a container platform sends it
            List<String> seen = new ArrayList<>();
            boolean servedWhileLeaving = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                int ready = server.status("/q/health/ready");
                int live = server.status("/q/health/live");
                seen.add(ready + "/" + live);
                if (ready == 503 && live == 200) {
                    servedWhileLeaving = true;
                }
                if (ready == -1) {
                    break; // the port closed
                }
                Thread.sleep(100);
            }
            assertTrue(
                    servedWhileLeaving,
                    "readiness never answered 503 while the server still served; ready/live seen: " + seen);
            assertTrue(server.process().waitFor(30, TimeUnit.SECONDS), "the server did not stop after SIGTERM");
        }
    }
}
