package io.clearance.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar started as a local trial is: {@code CLEARANCE_AUTH_ENABLED=false} and no host named. An
 * open Clearance must not be reachable from the network, so {@code LoopbackWhenOpen} binds it to
 * {@code 127.0.0.1} instead of the default {@code 0.0.0.0}, and every start logs the warning. Checked on the
 * real jar in its production profile, with a socket to a non-loopback address of this machine (when it has
 * one) that must find nobody listening. Run by failsafe after the jar is built.
 */
class OpenJarIT {

    private PackagedServer server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anOpenServerListensOnLoopbackOnlyAndSaysSo() throws Exception {
        Map<String, String> open = new HashMap<>();
        open.put("CLEARANCE_AUTH_ENABLED", "false");
        open.put("QUARKUS_HTTP_HOST", null);
        open.put("CLEARANCE_ADMIN_KEY", null);
        server = PackagedServer.start(open);
        int port = server.port();

        String all = String.join("\n", server.startLog());
        assertTrue(all.contains("AUTHENTICATION IS DISABLED"), "the start did not warn:\n" + all);
        assertTrue(
                all.contains("Listening on: http://127.0.0.1:" + port),
                "the open server does not say it listens on loopback only:\n" + all);

        // Reachable where the operator sits...
        assertEquals(200, server.status("/q/health/ready"));

        // ...and from nowhere else.
        Optional<InetAddress> outside = nonLoopbackAddress();
        Assumptions.assumeTrue(
                outside.isPresent(), "this machine has no non-loopback address to try the open server from");
        try (Socket socket = new Socket()) {
            assertThrows(
                    ConnectException.class,
                    () -> socket.connect(new InetSocketAddress(outside.get(), port), 10_000),
                    "the open server answers on " + outside.get().getHostAddress());
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }
}
