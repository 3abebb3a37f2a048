package io.clearance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code clearance import --server URL --format F FILE}: streams the file to a running server's
 * {@code POST /v1/registry/imports} and follows the job until it ends, printing its progress on one line, then the
 * refused records by line. The server decides on its own graph throughout.
 */
final class ServerImport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerImport() {}

    /** @return 0 when the import committed, 1 when the server refused it or a record */
    static int run(String server, String key, String format, String countryIfUnknown, Path file, PrintStream out)
            throws IOException, InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String base = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        String query = "?format=" + URLEncoder.encode(format, StandardCharsets.UTF_8)
                + (countryIfUnknown == null ? "" : "&countryIfUnknown=" + countryIfUnknown);
        String type = format.endsWith("-csv") ? "text/csv" : "application/x-ndjson";
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(base + "/v1/registry/imports" + query))
                .header("content-type", type)
                .POST(HttpRequest.BodyPublishers.ofFile(file));
        if (key != null && !key.isBlank()) {
            post.header("authorization", "Bearer " + key);
        }
        HttpResponse<String> submitted = client.send(post.build(), HttpResponse.BodyHandlers.ofString());
        if (submitted.statusCode() != 202) {
            System.err.println("import refused (" + submitted.statusCode() + "): " + submitted.body());
            return 1;
        }
        String id = JSON.readTree(submitted.body()).path("id").asText();
        while (true) {
            HttpRequest.Builder get = HttpRequest.newBuilder(URI.create(base + "/v1/registry/imports/" + id));
            if (key != null && !key.isBlank()) {
                get.header("authorization", "Bearer " + key);
            }
            JsonNode job = JSON.readTree(client.send(get.build(), HttpResponse.BodyHandlers.ofString())
                    .body());
            String status = job.path("status").asText();
            JsonNode report = job.path("report");
            out.printf(
                    "\r%s: %,d records read, %,d parties and %,d stakes written, %,d refused (%,.0f records/s)   ",
                    status,
                    report.path("recordsRead").asLong(),
                    report.path("partiesWritten").asLong(),
                    report.path("stakesWritten").asLong(),
                    report.path("rejected").asLong(),
                    job.path("recordsPerSecond").asDouble());
            if (status.equals("succeeded") || status.equals("failed")) {
                out.println();
                for (JsonNode rejection : report.path("rejections")) {
                    System.err.printf(
                            "%s:%d: %s: %s%n",
                            file.getFileName(),
                            rejection.path("line").asLong(),
                            rejection.path("code").asText(),
                            rejection.path("message").asText());
                }
                if (status.equals("failed")) {
                    System.err.println("import failed: " + job.path("failure").asText());
                    return 1;
                }
                out.println("imported at registry version "
                        + job.path("registryVersion").asLong());
                return 0;
            }
            Thread.sleep(500);
        }
    }
}
