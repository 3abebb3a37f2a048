package io.clearance.gateway.nginx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.clearance.gateway.GatewayFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real nginx ({@code /usr/sbin/nginx}, Debian package {@code nginx}, which {@code .ci/run} installs) in
 * front of a small upstream, asking Clearance through {@code auth_request} with the configuration the
 * README shows: the API key names the organisation, a permitted one reaches the upstream, a restricted one
 * gets 403 with the reason header, and with Clearance unreachable nginx fails closed (5xx, never the
 * upstream). nginx runs as a child process on free loopback ports and is stopped after the class.
 */
@QuarkusTest
class NginxAuthRequestTest {

    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static GatewayFixtures f;
    private static HttpServer upstream;
    private static final AtomicInteger upstreamHits = new AtomicInteger();
    private static final List<String> decisionIdsSeenUpstream = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static Process nginx;
    private static Path dir;
    private static int nginxPort;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeEach
    void start() throws Exception {
        if (nginx != null) {
            return;
        }
        assertTrue(Files.isExecutable(NGINX), "nginx is needed: apt-get install nginx (.ci/run does)");
        f = GatewayFixtures.create();
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", exchange -> {
            upstreamHits.incrementAndGet();
            String id = exchange.getRequestHeaders().getFirst("Clearance-Decision-Id");
            if (id != null) {
                decisionIdsSeenUpstream.add(id);
            }
            byte[] body = "upstream answered".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        upstream.start();
        nginxPort = freePort();
        int deadPort = freePort(); // nothing listens there: Clearance stopped
        dir = Files.createTempDirectory("clearance-nginx-");
        Files.writeString(
                dir.resolve("nginx.conf"),
                config(
                        dir,
                        nginxPort,
                        RestAssured.port,
                        deadPort,
                        upstream.getAddress().getPort()));
        nginx = new ProcessBuilder(
                        NGINX.toString(),
                        "-e",
                        dir.resolve("error.log").toString(),
                        "-p",
                        dir.toString(),
                        "-c",
                        dir.resolve("nginx.conf").toString(),
                        "-g",
                        "daemon off; pid " + dir.resolve("nginx.pid") + ";")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("nginx.out").toFile())
                .start();
        awaitListening(nginxPort);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (nginx != null) {
            nginx.destroy();
            if (!nginx.waitFor(20, TimeUnit.SECONDS)) {
                nginx.destroyForcibly();
            }
        }
        if (upstream != null) {
            upstream.stop(0);
        }
    }

    /** The README's configuration, with this test's ports and keys. */
    private static String config(Path dir, int listen, int clearance, int deadClearance, int upstreamPort) {
        return """
                worker_processes 1;
                events { worker_connections 64; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/client_body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;

                  # Which organisation an API key belongs to (in production: your key store, a JWT claim...).
                  map $http_x_api_key $clearance_subject {
                    default         "";
                    "key-clean"     "%6$s";
                    "key-restricted" "%7$s";
                  }

                  server {
                    listen 127.0.0.1:%2$d;

                    location / {
                      auth_request /_clearance;
                      auth_request_set $clearance_decision $upstream_http_clearance_decision_id;
                      auth_request_set $clearance_reason $upstream_http_clearance_reason;
                      proxy_set_header Clearance-Decision-Id $clearance_decision;
                      add_header Clearance-Decision-Id $clearance_decision always;
                      add_header Clearance-Reason $clearance_reason always;
                      proxy_pass http://127.0.0.1:%5$d;
                    }

                    location = /_clearance {
                      internal;
                      proxy_pass http://127.0.0.1:%3$d/v1/authz;
                      proxy_pass_request_body off;
                      proxy_set_header Content-Length "";
                      proxy_set_header X-Clearance-Subject $clearance_subject;
                      proxy_set_header X-Clearance-Action api.access;
                    }

                    # The same, with Clearance stopped.
                    location /down/ {
                      auth_request /_clearance_down;
                      proxy_pass http://127.0.0.1:%5$d;
                    }

                    location = /_clearance_down {
                      internal;
                      proxy_pass http://127.0.0.1:%4$d/v1/authz;
                      proxy_pass_request_body off;
                      proxy_set_header Content-Length "";
                      proxy_set_header X-Clearance-Subject $clearance_subject;
                      proxy_set_header X-Clearance-Action api.access;
                    }
                  }
                }
                """.formatted(dir, listen, clearance, deadClearance, upstreamPort, f.clean(), f.restricted());
    }

    private HttpResponse<String> get(String path, String apiKey) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nginxPort + path))
                        .header("X-Api-Key", apiKey)
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPermittedOrganisationReachesTheUpstreamWithItsDecisionId() throws Exception {
        int before = upstreamHits.get();
        HttpResponse<String> response = get("/v1/chat/completions", "key-clean");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("upstream answered", response.body());
        assertEquals(before + 1, upstreamHits.get());
        String decisionId =
                response.headers().firstValue("Clearance-Decision-Id").orElse(null);
        assertNotNull(decisionId);
        assertTrue(decisionIdsSeenUpstream.contains(decisionId));
    }

    @Test
    void aRestrictedOrganisationGets403WithTheReasonAndNeverReachesTheUpstream() throws Exception {
        int before = upstreamHits.get();
        HttpResponse<String> response = get("/v1/chat/completions", "key-restricted");
        assertEquals(403, response.statusCode());
        assertTrue(
                response.headers().firstValue("Clearance-Reason").orElse("").startsWith("DENY clause 3.3: "),
                response.headers().map().toString());
        assertTrue(response.headers().firstValue("Clearance-Decision-Id").isPresent());
        assertEquals(before, upstreamHits.get());
    }

    @Test
    void aKeyWithoutOrganisationIsRefused() throws Exception {
        int before = upstreamHits.get();
        HttpResponse<String> response = get("/v1/chat/completions", "key-unknown");
        assertTrue(response.statusCode() >= 400, "status " + response.statusCode());
        assertEquals(before, upstreamHits.get());
    }

    @Test
    void withClearanceUnreachableNginxFailsClosed() throws Exception {
        int before = upstreamHits.get();
        HttpResponse<String> response = get("/down/v1/chat/completions", "key-clean");
        assertTrue(response.statusCode() >= 500, "status " + response.statusCode());
        assertEquals(before, upstreamHits.get());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    // Start-up, not a timed assertion: nginx is given up to a minute on a loaded machine.
    private static void awaitListening(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!nginx.isAlive()) {
                throw new IllegalStateException("nginx stopped: " + Files.readString(dir.resolve("nginx.out"))
                        + Files.readString(dir.resolve("error.log")));
            }
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("nginx did not listen on " + port);
    }
}
