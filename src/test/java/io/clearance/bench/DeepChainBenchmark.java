package io.clearance.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.clearance.decision.Action;
import io.clearance.decision.Decider;
import io.clearance.decision.Decision;
import io.clearance.decision.DecisionQuery;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.engine.RuleSet;
import io.clearance.engine.RuleSetCompiler;
import io.clearance.engine.RuleSource;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.policy.PolicyDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Issue 11.5's case measured: the bottom of an N-company chain of 51% stakes from a CN seed (default 100,000),
 * decided with the bundled rules and written as JSON, as the server answers it. Prints the time of the first
 * decision (which builds the kept index over the whole graph), of the next ones, the answer's size, and the
 * process's resident set before and after, from {@code /proc/self/status}.
 */
public final class DeepChainBenchmark {

    private DeepChainBenchmark() {}

    public static void main(String[] args) throws IOException {
        int hops = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        PolicyDocument policy = PolicyDocument.read(Path.of("policies/policy.md"));
        RuleSet rules = new RuleSetCompiler().compile(RuleSource.readDirectory(Path.of("rules")), policy);
        ObjectMapper json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        System.out.printf("deep chain: %,d hops; RSS at start %,d MB%n", hops, rssMb());

        long started = System.nanoTime();
        OwnershipGraph graph = new OwnershipGraph();
        graph.putParty(new PartyInfo("p0", "Seed", PartyKind.COMPANY, "CN", null));
        for (int i = 1; i <= hops; i++) {
            graph.putParty(new PartyInfo("p" + i, "Link " + i, PartyKind.COMPANY, "DE", null));
            graph.putStake("p" + i, "p" + (i - 1), Share.fromPercent("51"));
        }
        System.out.printf("graph built in %.1f s; RSS %,d MB%n", (System.nanoTime() - started) / 1e9, rssMb());

        Decider decider = new Decider();
        DecisionQuery bottom = new DecisionQuery("p" + hops, Action.API_ACCESS, null);
        long t = System.nanoTime();
        Decision first = decider.decide("first", bottom, rules, graph);
        String answer = json.writeValueAsString(first);
        long firstNanos = System.nanoTime() - t;
        System.out.printf(
                "first decision: %s in %.1f ms (kept index built), answer %,d bytes; RSS %,d MB%n",
                first.decision(), firstNanos / 1e6, answer.length(), rssMb());

        long[] nanos = new long[samples];
        for (int i = 0; i < samples; i++) {
            t = System.nanoTime();
            json.writeValueAsString(decider.decide("d-" + i, bottom, rules, graph));
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf(
                "next %d decisions: median %.1f ms, max %.1f ms; RSS %,d MB; heap %,d MB used after GC%n",
                samples, nanos[samples / 2] / 1e6, nanos[samples - 1] / 1e6, rssMb(), heapAfterGcMb());
    }

    /** What the heap holds live: the graph, its kept indexes and the rules. */
    private static long heapAfterGcMb() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return (runtime.totalMemory() - runtime.freeMemory()) >> 20;
    }

    /** The resident set of this process; -1 where /proc is not there. */
    private static long rssMb() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }
}
