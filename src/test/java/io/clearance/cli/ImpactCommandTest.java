package io.clearance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code clearance impact --fail-on-change} as a CI gate: 0 when no decision changes, 1 when some do, 2 when
 * there is no answer to judge by. The server is a stand-in answering {@code POST /v1/policy/impact} as the
 * real one does (its answer's fields), so that each exit code is reached on purpose.
 */
class ImpactCommandTest {

    private static final String NO_CHANGE = """
            {"activeVersion":"a1","candidateVersion":"a1","changed":0,"decisionsCompared":12,"parties":6,
             "elapsedMillis":3,"transitions":{},"changes":[],"truncated":false}""";
    private static final String ONE_CHANGE = """
            {"activeVersion":"a1","candidateVersion":"b2","changed":1,"decisionsCompared":12,"parties":6,
             "elapsedMillis":3,"transitions":{"DENY -> PERMIT":1},
             "changes":[{"partyId":"spree-analytics","action":"api.access","before":"DENY","after":"PERMIT",
                         "rulesAfter":[]}],"truncated":false}""";
    private static final String REJECTED = """
            {"type":"about:blank","title":"Unprocessable Content","status":422,"code":"rule-set-rejected",
             "detail":"the candidate does not compile",
             "errors":[{"file":"ownership.drl","line":3,"column":7,"message":"unknown type `Nope`"}]}""";

    private final AtomicReference<Answer> answer = new AtomicReference<>();
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private HttpServer server;

    private record Answer(int status, String body) {}

    @BeforeEach
    void startStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/policy/impact", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getRequestBody().readAllBytes();
            byte[] body = answer.get().body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(answer.get().status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopStandIn() {
        server.stop(0);
    }

    @Test
    void noChangeExits0WithOrWithoutTheGate() {
        answer.set(new Answer(200, NO_CHANGE));
        assertEquals(0, impact("--fail-on-change").exitCode());
        CliRun run = impact();
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("a1 -> a1: 0 of 12 decisions change"), run.out());
        assertEquals("Bearer clr_test-author", authorization.get());
    }

    @Test
    void aChangedDecisionExits1OnlyUnderTheGate() {
        answer.set(new Answer(200, ONE_CHANGE));
        CliRun gated = impact("--fail-on-change");
        assertEquals(1, gated.exitCode());
        assertTrue(gated.out().contains("spree-analytics api.access: DENY -> PERMIT"), gated.out());
        assertEquals(0, impact().exitCode(), "without the gate a change is a report, not a failure");
    }

    @Test
    void aRefusedCandidateExits2WithItsErrors() {
        answer.set(new Answer(422, REJECTED));
        CliRun run = impact("--fail-on-change");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("the server answered 422: the candidate does not compile"), run.err());
        assertTrue(run.err().contains("ownership.drl:3:7: unknown type `Nope`"), run.err());
    }

    @Test
    void noServerExits2InOneLine() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        CliRun run = CliRun.of(
                "impact", "rules", "--fail-on-change", "--server", "http://127.0.0.1:" + closedPort, "--key", "k");
        assertEquals(2, run.exitCode());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("impact: no answer from the server at http://127.0.0.1:"), run.err());
    }

    private CliRun impact(String... extra) {
        String[] args = new String[5 + extra.length];
        args[0] = "impact";
        args[1] = "rules";
        args[2] = "--server=http://127.0.0.1:" + server.getAddress().getPort();
        args[3] = "--key";
        args[4] = "clr_test-author";
        System.arraycopy(extra, 0, args, 5, extra.length);
        return CliRun.of(args);
    }
}
