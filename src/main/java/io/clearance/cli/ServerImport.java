package io.clearance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code clearance import --server URL --format F FILE}: streams the file to a running server's
 * {@code POST /v1/registry/imports} and follows the job until it ends, showing progress ({@link ImportProgress}:
 * the bytes uploaded, then the bytes the server's readers took, with rate and ETA), then the final counts
 * and the refused records by line and field. The server decides on its own graph throughout.
 */
final class ServerImport {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PATH = "/v1/registry/imports";

    private ServerImport() {}

    /**
     * @param terminal whether {@code out} is a terminal: a redrawn bar, else plain periodic lines
     * @return 0 when the import committed, 1 when the server refused it or a record
     */
    static int run(
            String server,
            String key,
            String format,
            String countryIfUnknown,
            Path file,
            PrintStream out,
            boolean terminal)
            throws IOException, InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String base = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        String query = "?format=" + URLEncoder.encode(format, StandardCharsets.UTF_8)
                + (countryIfUnknown == null ? "" : "&countryIfUnknown=" + countryIfUnknown);
        String type = format.endsWith("-csv") ? "text/csv" : "application/x-ndjson";
        long size = Files.size(file);
        AtomicLong sent = new AtomicLong();
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(base + PATH + query))
                .header("content-type", type)
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> counted(file, sent)), size));
        if (key != null && !key.isBlank()) {
            post.header("authorization", "Bearer " + key);
        }
        ImportProgress progress = new ImportProgress(out, terminal);
        HttpResponse<String> submitted = upload(client, post.build(), size, sent, progress);
        if (submitted.statusCode() != 202) {
            System.err.println("import refused (" + submitted.statusCode() + "): " + submitted.body());
            return 1;
        }
        String id = JSON.readTree(submitted.body()).path("id").asText();
        while (true) {
            HttpRequest.Builder get = HttpRequest.newBuilder(URI.create(base + PATH + "/" + id));
            if (key != null && !key.isBlank()) {
                get.header("authorization", "Bearer " + key);
            }
            JsonNode job = JSON.readTree(client.send(get.build(), HttpResponse.BodyHandlers.ofString())
                    .body());
            String status = job.path("status").asText();
            JsonNode report = job.path("report");
            boolean ended = status.equals("succeeded") || status.equals("failed");
            progress.show(
                    "importing: " + status,
                    job.hasNonNull("percent") ? job.path("percent").asDouble() : null,
                    String.format(
                            Locale.ROOT,
                            "%,.0f records/s",
                            job.path("recordsPerSecond").asDouble()),
                    ended || !job.hasNonNull("etaSeconds")
                            ? null
                            : job.path("etaSeconds").asLong(),
                    String.format(
                            Locale.ROOT,
                            "%,d records read",
                            report.path("recordsRead").asLong()),
                    ended);
            if (ended) {
                progress.endPhase();
                out.printf(
                        Locale.ROOT,
                        "%s: %,d records read, %,d parties and %,d stakes written, %,d stakes closed, %,d refused%n",
                        status,
                        report.path("recordsRead").asLong(),
                        report.path("partiesWritten").asLong(),
                        report.path("stakesWritten").asLong(),
                        report.path("stakesClosed").asLong(),
                        report.path("rejected").asLong());
                for (JsonNode rejection : report.path("rejections")) {
                    System.err.printf(
                            "%s:%d: %s%s: %s%n",
                            file.getFileName(),
                            rejection.path("line").asLong(),
                            rejection.hasNonNull("field")
                                    ? "`" + rejection.path("field").asText() + "`: "
                                    : "",
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

    /** Sends the file, showing the share of it sent so far, its rate and the time left. */
    private static HttpResponse<String> upload(
            HttpClient client, HttpRequest request, long size, AtomicLong sent, ImportProgress progress)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> pending =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        boolean first = true;
        while (true) {
            boolean done = pending.isDone();
            long bytes = done ? size : sent.get();
            double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
            double rate = bytes / seconds;
            Long eta = done || bytes == 0 ? null : (long) Math.ceil((size - bytes) / rate);
            progress.show(
                    done ? "uploaded" : "uploading",
                    size == 0 ? 100.0 : Math.min(100.0, bytes * 100.0 / size),
                    ImportProgress.byteRate(rate),
                    eta,
                    String.format(Locale.ROOT, "%,d of %,d bytes", bytes, size),
                    first || done);
            first = false;
            if (done) {
                progress.endPhase();
                try {
                    return pending.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IOException(e.getCause());
                }
            }
            try {
                pending.get(200, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // Still sending, or failed: the next round shows it or rethrows the failure.
            }
        }
    }

    private static InputStream counted(Path file, AtomicLong sent) {
        try {
            return new FilterInputStream(Files.newInputStream(file)) {
                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    if (n > 0) {
                        sent.addAndGet(n);
                    }
                    return n;
                }

                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        sent.incrementAndGet();
                    }
                    return b;
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
