package io.clearance.engine;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the runs of the rules that failed (indeterminate decisions), by cause and by rule, and remembers
 * the latest, so that readiness can say {@code degraded} while the serving rule set fails decisions and
 * metrics can expose the counts. This is the seam for a metrics exporter: read {@link #total()},
 * {@link #byCause()} and {@link #byRule()}.
 */
@ApplicationScoped
public class RuleFaults implements EvaluationObserver {

    private final LongAdder total = new LongAdder();
    private final Map<String, LongAdder> byCause = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byRule = new ConcurrentHashMap<>();
    private final AtomicReference<Fault> latest = new AtomicReference<>();
    private final LongAdder settled = new LongAdder();
    private final LongAdder coldRetries = new LongAdder();
    private final Clock clock;

    public RuleFaults() {
        this(Clock.systemUTC());
    }

    RuleFaults(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void settled(String version) {
        settled.increment();
    }

    @Override
    public void indeterminate(String version, Indeterminate why) {
        total.increment();
        byCause.computeIfAbsent(why.cause().code(), c -> new LongAdder()).increment();
        byRule.computeIfAbsent(why.ruleOrUnknown(), r -> new LongAdder()).increment();
        latest.set(new Fault(clock.instant(), version, why));
    }

    @Override
    public void retriedCold(String version, Indeterminate overrun) {
        coldRetries.increment();
    }

    /**
     * Runs made twice because their first, cold, went past the budget: never a decision of a warmed rule set, so
     * a count that grows while serving says that warm-up did not happen.
     */
    public long coldRetries() {
        return coldRetries.sum();
    }

    /** Every run that came to rest since start (decisions, impact, shadow, replay). */
    public long settled() {
        return settled.sum();
    }

    /** Every indeterminate run since start. */
    public long total() {
        return total.sum();
    }

    /** Indeterminate runs by {@link Indeterminate.Cause#code()}. */
    public Map<String, Long> byCause() {
        return snapshot(byCause);
    }

    /** Indeterminate runs by the rule they name. */
    public Map<String, Long> byRule() {
        return snapshot(byRule);
    }

    /** The latest failure of {@code version} if it happened within {@code window} of now. */
    public Optional<Fault> recent(String version, Duration window) {
        Fault fault = latest.get();
        if (fault == null
                || !fault.version().equals(version)
                || fault.at().isBefore(clock.instant().minus(window))) {
            return Optional.empty();
        }
        return Optional.of(fault);
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((key, count) -> copy.put(key, count.sum()));
        return copy;
    }

    /** One indeterminate run: when, under which rule-set version, and why. */
    public record Fault(Instant at, String version, Indeterminate why) {}
}
