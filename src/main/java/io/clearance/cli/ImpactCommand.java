package io.clearance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.engine.RuleSetRejectedException;
import io.clearance.engine.RuleSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code clearance impact rules-candidate/}: asks the running server which decisions a candidate rule set
 * would change on its registry. The registry lives with the server, so this is a client of
 * {@code POST /v1/policy/impact}. With {@code --fail-on-change} it is a CI gate: exit 1 when a decision
 * changes.
 */
@Command(
        name = "impact",
        description = "Show which decisions on the server's registry a candidate rule set would change.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no decision changes (or some do, without --fail-on-change)",
            "1:some decision changes and --fail-on-change is given",
            "2:error: the candidate is refused, the server cannot be reached or answers an error; a usage error"
        })
final class ImpactCommand implements Callable<Integer> {

    static final int NO_CHANGE = 0;
    static final int CHANGED = 1;
    static final int ERROR = 2;

    @Parameters(index = "0", description = "folder of candidate *.drl files")
    Path candidate;

    @Option(
            names = "--server",
            defaultValue = "http://localhost:8080",
            description = "the running server (default: ${DEFAULT-VALUE})")
    URI server;

    @Option(
            names = "--key",
            defaultValue = "${env:CLEARANCE_KEY}",
            description = "an API key with the `author` role (default: $CLEARANCE_KEY)")
    String key;

    @Option(
            names = "--limit",
            defaultValue = "50",
            description = "how many changed decisions to list (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--fail-on-change", description = "exit 1 when any decision changes: a gate for CI")
    boolean failOnChange;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ObjectMapper json = new ObjectMapper();
        Map<String, String> files = new LinkedHashMap<>();
        try {
            for (RuleSource source : RuleSource.readDirectory(candidate)) {
                files.put(source.name(), source.content());
            }
        } catch (RuleSetRejectedException e) {
            // An entry of the folder is not a rule file: the candidate is refused whole, as the server would.
            e.errors().forEach(System.err::println);
            return ERROR;
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(server.resolve("/v1/policy/impact?limit=" + limit))
                .header("content-type", "application/json")
                .timeout(Duration.ofHours(1))
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("files", files))));
        if (key != null && !key.isBlank()) {
            builder.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> response;
        JsonNode body;
        try {
            // HTTP/1.1: the JDK client otherwise offers an h2c upgrade with the body, which the server fails to
            // read (500 "Request has already been read").
            HttpClient client =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            body = json.readTree(response.body());
        } catch (IOException e) {
            System.err.printf("impact: no answer from the server at %s: %s%n", server, e);
            return ERROR;
        }
        if (response.statusCode() != 200) {
            System.err.printf(
                    "impact: the server answered %d: %s%n",
                    response.statusCode(), body.path("detail").asText(response.body()));
            body.path("errors")
                    .forEach(e -> System.err.printf(
                            "%s:%d:%d: %s%n",
                            e.path("file").asText(),
                            e.path("line").asInt(),
                            e.path("column").asInt(),
                            e.path("message").asText()));
            return ERROR;
        }
        System.out.printf(
                "%s -> %s: %d of %d decisions change (%d parties, %d ms)%n",
                body.path("activeVersion").asText(),
                body.path("candidateVersion").asText(),
                body.path("changed").asLong(),
                body.path("decisionsCompared").asLong(),
                body.path("parties").asLong(),
                body.path("elapsedMillis").asLong());
        body.path("transitions")
                .fields()
                .forEachRemaining(t -> System.out.printf(
                        "  %-45s %d%n", t.getKey(), t.getValue().asLong()));
        for (JsonNode change : body.path("changes")) {
            System.out.printf(
                    "  %s %s: %s -> %s  (%s)%n",
                    change.path("partyId").asText(),
                    change.path("action").asText(),
                    change.path("before").asText(),
                    change.path("after").asText(),
                    change.path("rulesAfter"));
        }
        if (body.path("truncated").asBoolean()) {
            System.out.printf(
                    "  ... %d more; --limit to list more%n",
                    body.path("changed").asLong() - body.path("changes").size());
        }
        return failOnChange && body.path("changed").asLong() > 0 ? CHANGED : NO_CHANGE;
    }
}
