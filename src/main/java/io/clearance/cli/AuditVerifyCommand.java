package io.clearance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code clearance audit-verify}: asks the running server to recompute the decision log's hash chain over
 * a range and reports the first broken link; exit 1 when the chain is broken. The log lives with the
 * server, so this is a client of {@code GET /v1/audit/verify}.
 */
@Command(
        name = "audit-verify",
        description = "Recompute the audit log's hash chain on the server; exit 1 at a broken link.")
final class AuditVerifyCommand implements Callable<Integer> {

    @Option(
            names = "--server",
            defaultValue = "http://localhost:8080",
            description = "the running server (default: ${DEFAULT-VALUE})")
    URI server;

    @Option(names = "--from", description = "ISO-8601 instant or day, e.g. 2026-11-01")
    String from;

    @Option(names = "--to", description = "ISO-8601 instant or day")
    String to;

    @Override
    public Integer call() throws IOException, InterruptedException {
        StringBuilder query = new StringBuilder("/v1/audit/verify?");
        if (from != null) {
            query.append("from=")
                    .append(URLEncoder.encode(from, StandardCharsets.UTF_8))
                    .append('&');
        }
        if (to != null) {
            query.append("to=").append(URLEncoder.encode(to, StandardCharsets.UTF_8));
        }
        HttpRequest request = HttpRequest.newBuilder(server.resolve(query.toString()))
                .timeout(Duration.ofHours(1))
                .GET()
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = new ObjectMapper().readTree(response.body());
        if (response.statusCode() != 200) {
            System.err.println(
                    body.path("code").asText() + ": " + body.path("detail").asText(response.body()));
            return 2;
        }
        if (body.path("intact").asBoolean()) {
            System.out.printf(
                    "intact: %d records checked (seq %s to %s)%n",
                    body.path("checked").asLong(),
                    body.path("firstSeq").asText("-"),
                    body.path("lastSeq").asText("-"));
            return 0;
        }
        JsonNode broken = body.path("firstBroken");
        System.out.printf(
                "BROKEN at seq %d (decision %s): %s: %s%n",
                broken.path("seq").asLong(),
                broken.path("decisionId").asText(),
                broken.path("problem").asText(),
                broken.path("message").asText());
        return 1;
    }
}
