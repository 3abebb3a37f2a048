package io.clearance.api;

import static io.clearance.api.ApiTestSupport.api;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that send a body slowly, or go away halfway (issue 11, item 4): they must not take the threads
 * that decisions and readiness need, they are cut off at the body deadline with a 408 problem, and a
 * dropped connection is not an ERROR with a stack trace.
 */
@QuarkusTest
@TestProfile(BoundsProfile.class)
class SlowClientTest {

    /** Three times the worker pool: enough to starve it if each slow body held a worker. */
    private static final int SLOW_SENDERS = BoundsProfile.WORKER_THREADS * 3;

    private final List<Socket> sockets = new ArrayList<>();
    private final List<LogRecord> errors = new ArrayList<>();
    private final Handler errorCollector = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                synchronized (errors) {
                    errors.add(record);
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @AfterEach
    void closeEverything() {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all this does
            }
        }
        Logger.getLogger("").removeHandler(errorCollector);
    }

    /** A request that fails rather than hangs when the server does not answer: the test asserts it answers. */
    private static RequestSpecification patient() {
        return given().config(RestAssured.config()
                .httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", 60_000)
                        .setParam("http.connection.timeout", 60_000)));
    }

    /** Opens a connection and sends the head of a decision request and the first part of a large body. */
    private Socket slowSender(int bodyLength, int sentAtOnce) throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.connect(new InetSocketAddress("localhost", RestAssured.port), 10_000);
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v1/decisions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + bodyLength + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        // Past the 10 KB the framework buffers by default, after which it would read on a worker thread.
        out.write(
                ("{\"subject\": {\"partyId\": \"" + "x".repeat(sentAtOnce) + "\"").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    @Test
    void slowBodiesDoNotStopDecisionsOrReadiness() throws Exception {
        // Once before, so that the first run of each path is not what the comparison below measures.
        askForDecisionAndReadiness("warm-up");
        long started = System.nanoTime();
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < SLOW_SENDERS; i++) {
            slow.add(slowSender(200_000, 20_000));
        }
        for (Socket socket : slow) {
            // One more byte each: the bodies are still incomplete while the normal requests run.
            socket.getOutputStream().write(' ');
            socket.getOutputStream().flush();
        }
        for (int i = 0; i < 3; i++) {
            askForDecisionAndReadiness("nobody-" + i);
        }
        System.out.printf(
                "slow senders open and three decisions answered in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        // They answered while every slow body was still pending: had the slow bodies held the workers, the
        // requests above would have waited for the body deadline to free them, and the slow senders would
        // have had their answers by now.
        for (Socket socket : slow) {
            assertEquals(0, socket.getInputStream().available(), "a slow sender was answered before the others");
        }
        // Each slow sender is cut off at the body deadline with a problem, not left open.
        String answer = readAll(slow.get(0));
        assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
        assertTrue(answer.contains("application/problem+json") && answer.contains("\"body-timeout\""), answer);
    }

    @Test
    void aClientThatGoesAwayMidBodyIsNotAnErrorWithAStackTrace() throws Exception {
        Logger.getLogger("").addHandler(errorCollector);
        for (int i = 0; i < 10; i++) {
            slowSender(200_000, 20_000).close();
        }
        // A request after the drops, on a fresh connection, shows the server went on; and gives the drops
        // time to be noticed before the log is read.
        patient().when().get("/q/health/ready").then().statusCode(200);
        Thread.sleep(500);
        synchronized (errors) {
            assertEquals(
                    List.of(),
                    errors.stream()
                            .map(r -> r.getLoggerName() + ": " + r.getMessage())
                            .toList());
        }
    }

    private static void askForDecisionAndReadiness(String partyId) {
        patient().when().get("/q/health/ready").then().statusCode(200);
        api().body("{\"subject\": {\"partyId\": \"" + partyId + "\"}, \"action\": \"api.access\"}")
                .when()
                .post("/v1/decisions")
                .then()
                .statusCode(anyOf(equalTo(200), equalTo(422)));
    }

    private static String readAll(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
