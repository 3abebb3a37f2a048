import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The measuring half of scripts/bench-cluster.sh, run as a single source file (java scripts/ClusterProbe.java):
 * one JVM with a clock, rather than a process per request. Loopback only; every loop is bounded.
 *
 * <pre>
 *   propagation KEY WRITER READER[,READER...] COUNT   write a stake on WRITER, time until a READER decides by it
 *   changes KEY URL COUNT THREADS                     COUNT registry changes (new parties); prints the version
 *                                                     reached and a party to ask about
 *   await-version KEY URL VERSION PARTY SECONDS       time until URL decides about PARTY on at least VERSION
 *   activation KEY URL READER[,READER...] COUNT A B   activate A, B, A... on URL, time until every READER's
 *                                                     GET /v1/policy shows it
 * </pre>
 */
public class ClusterProbe {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern DECISION = Pattern.compile("\"decision\"\\s*:\\s*\"([A-Z]+)\"");
    private static final Pattern VERSION = Pattern.compile("\"registryVersion\"\\s*:\\s*(\\d+)");
    private static String key;

    public static void main(String[] args) throws Exception {
        key = args[1];
        switch (args[0]) {
            case "propagation" -> propagation(args[2], args[3].split(","), Integer.parseInt(args[4]));
            case "changes" -> changes(args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "activation" -> activation(args[2], args[3].split(","), Integer.parseInt(args[4]), args[5], args[6]);
            case "await-version" ->
                awaitVersion(args[2], Long.parseLong(args[3]), args[4], Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    /**
     * The stake of Dragon Peak Holdings (CN, restricted) in a party of the probe's own goes 60% (DENY), 40%
     * (not DENY), 60%... on WRITER; after each write is acknowledged, READER is asked until its decision
     * reflects it. The delay runs from the write's acknowledgement to the first reflecting answer received.
     */
    static void propagation(String writer, String[] readers, int count) throws Exception {
        String party = "bench-propagation-" + ProcessHandle.current().pid();
        send("PUT", writer + "/v1/parties/" + party, "{\"name\":\"Propagation probe\",\"kind\":\"COMPANY\",\"country\":\"DE\"}");
        List<Double> delays = new ArrayList<>();
        int timedOut = 0;
        for (int i = 0; i < count; i++) {
            boolean deny = i % 2 == 0;
            String reader = readers[i % readers.length];
            send("PUT", writer + "/v1/parties/" + party + "/owners/dragon-holdings",
                    "{\"percent\":" + (deny ? 60 : 40) + "}");
            long written = System.nanoTime();
            long deadline = written + Duration.ofSeconds(30).toNanos();
            boolean seen = false;
            while (System.nanoTime() < deadline) {
                String answer = decide(reader, party);
                Matcher m = DECISION.matcher(answer);
                if (m.find() && m.group(1).equals("DENY") == deny) {
                    seen = true;
                    break;
                }
            }
            if (seen) {
                delays.add((System.nanoTime() - written) / 1e6);
            } else {
                timedOut++;
            }
        }
        Collections.sort(delays);
        System.out.printf(
                "RESULT propagation over %d writes: p50 %.1f ms, p99 %.1f ms, max %.1f ms; not seen within 30 s: %d%n",
                delays.size(), pct(delays, 50), pct(delays, 99), delays.isEmpty() ? 0 : delays.get(delays.size() - 1),
                timedOut);
    }

    /**
     * Activates versions A and B in turn on ACTIVATOR (both stored before, B serving); after each activate call
     * returns, every READER's {@code GET /v1/policy} is read until it shows the version. The delay runs from the
     * call's answer to the last reader showing it.
     */
    static void activation(String activator, String[] readers, int count, String a, String b) throws Exception {
        Pattern served = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"");
        for (String reader : readers) { // every reader serves B first, or A would show at once
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            Matcher m = served.matcher("");
            while (System.nanoTime() < deadline
                    && !((m = served.matcher(send("GET", reader + "/v1/policy", null).body())).find()
                            && m.group(1).equals(b))) {
                Thread.sleep(50);
            }
        }
        List<Double> delays = new ArrayList<>();
        int timedOut = 0;
        for (int i = 0; i < count; i++) {
            String version = i % 2 == 0 ? a : b;
            int status = send("POST", activator + "/v1/policy/versions/" + version + "/activate", "").statusCode();
            long activated = System.nanoTime();
            if (status != 200) {
                throw new IllegalStateException("activating " + version + " answered " + status);
            }
            long deadline = activated + Duration.ofSeconds(30).toNanos();
            boolean all = true;
            for (String reader : readers) {
                boolean seen = false;
                while (!seen && System.nanoTime() < deadline) {
                    Matcher m = served.matcher(send("GET", reader + "/v1/policy", null).body());
                    seen = m.find() && m.group(1).equals(version);
                }
                all &= seen;
            }
            if (all) {
                delays.add((System.nanoTime() - activated) / 1e6);
            } else {
                timedOut++;
            }
        }
        Collections.sort(delays);
        System.out.printf(
                "RESULT activation propagation over %d activations to %d instance(s): p50 %.1f ms, max %.1f ms;"
                        + " not seen within 30 s: %d%n",
                delays.size(), readers.length, pct(delays, 50),
                delays.isEmpty() ? 0 : delays.get(delays.size() - 1), timedOut);
    }

    static void changes(String url, int count, int threads) throws Exception {
        String prefix = "bench-change-" + ProcessHandle.current().pid() + "-";
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    try {
                        int status = send("PUT", url + "/v1/parties/" + prefix + i,
                                "{\"name\":\"Change " + i + "\",\"kind\":\"COMPANY\",\"country\":\"FR\"}").statusCode();
                        if (status >= 300) {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        // A party of this run: it exists whatever registry the server holds.
        Matcher v = VERSION.matcher(decide(url, prefix + "0"));
        System.out.printf("RESULT %d changes in %.1f s (%.0f/s), %d failed%nVERSION %s %s0%n",
                count, seconds, count / seconds, failed.get(), v.find() ? v.group(1) : "?", prefix);
    }

    static void awaitVersion(String url, long version, String party, int seconds) throws Exception {
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(seconds).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Matcher v = VERSION.matcher(decide(url, party));
                if (v.find() && Long.parseLong(v.group(1)) >= version) {
                    System.out.printf("RESULT caught up with registry version %d in %.0f ms%n",
                            version, (System.nanoTime() - start) / 1e6);
                    return;
                }
            } catch (java.io.IOException notAnswering) {
                // not answering yet
            }
            Thread.sleep(20);
        }
        System.out.printf("RESULT not caught up with registry version %d within %d s%n", version, seconds);
    }

    static String decide(String url, String party) throws Exception {
        return send("POST", url + "/v1/decisions",
                "{\"subject\":{\"partyId\":\"" + party + "\"},\"action\":\"api.access\"}").body();
    }

    static HttpResponse<String> send(String method, String url, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static double pct(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
