package io.clearance.operations;

import io.clearance.decision.Decision;
import io.clearance.decision.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Counts and times every decision any interface answers, and names it on the current trace span.
 *
 * <p>Prometheus names: {@code clearance_decision_latency_seconds} (histogram by {@code action},
 * {@code outcome}, {@code interface}), {@code clearance_decisions_total} (by {@code outcome} and deciding
 * {@code clause}; a decision decided by two clauses counts under each), {@code
 * clearance_decisions_rejected_total} (by problem {@code code}) and {@code
 * clearance_decisions_undecidable_total} (by {@code code}: the refusals gateways get when Clearance cannot
 * decide). Tags take values from closed sets only (actions, outcomes, clauses of the written policy,
 * problem codes), never ids, so the series stay few.
 */
@ApplicationScoped
public class DecisionTelemetry {

    /** The span attribute that carries the decision id when tracing is on. */
    public static final String DECISION_ID_ATTRIBUTE = "clearance.decision_id";

    private final MeterRegistry registry;
    // Tags come from closed sets (see above), so these maps stay as small as the series.
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

    DecisionTelemetry(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param via the interface that answered: {@code v1}, {@code batch}, {@code authzen}, {@code ext_authz},
     *     {@code auth_request}
     */
    public void decided(Decision decision, String via, long latencyNanos) {
        String outcome = decision.decision().name();
        latency(decision.action(), outcome, via).record(latencyNanos, TimeUnit.NANOSECONDS);
        List<Reason> reasons = decision.reasons();
        for (int i = 0; i < reasons.size(); i++) {
            String clause = clause(reasons.get(i));
            if (!countedBefore(reasons, i, clause)) {
                decisions(outcome, clause).increment();
            }
        }
        annotate(Span.current(), decision);
    }

    // Meters are looked up here, not registered anew per decision: building and registering one (tags sorted,
    // the registry searched, a histogram configured) cost more than the rest of a memoised answer's bookkeeping.
    private Timer latency(String action, String outcome, String via) {
        return timers.computeIfAbsent(
                List.of(action, outcome, via),
                key -> Timer.builder("clearance.decision.latency")
                        .description("Time from request to logged decision")
                        .tags("action", action, "outcome", outcome, "interface", via)
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofNanos(50_000))
                        .maximumExpectedValue(Duration.ofSeconds(10))
                        .register(registry));
    }

    private Counter decisions(String outcome, String clause) {
        return counters.computeIfAbsent(
                List.of(outcome, clause),
                key -> Counter.builder("clearance.decisions")
                        .description("Decisions answered, by outcome and deciding clause")
                        .tags("outcome", outcome, "clause", clause)
                        .register(registry));
    }

    private static String clause(Reason reason) {
        return reason.clause() == null ? "none" : reason.clause();
    }

    // A decision decided by two reasons of one clause counts once under it.
    private static boolean countedBefore(List<Reason> reasons, int index, String clause) {
        for (int i = 0; i < index; i++) {
            if (clause(reasons.get(i)).equals(clause)) {
                return true;
            }
        }
        return false;
    }

    /** A request refused before the rules ran (answered with a 4xx problem, logged). */
    public void rejected(String code, String via) {
        Counter.builder("clearance.decisions.rejected")
                .description("Decision requests refused before the rules ran, by problem code")
                .tags("code", code, "interface", via)
                .register(registry)
                .increment();
    }

    /** A request Clearance could not decide, answered as an error so that the gateway refuses it. */
    public void undecidable(String code, String via) {
        Counter.builder("clearance.decisions.undecidable")
                .description("Requests Clearance could not decide (answered as errors; gateways refuse them)")
                .tags("code", code, "interface", via)
                .register(registry)
                .increment();
    }

    /** Puts the decision on a span: a no-op span while tracing is off. */
    static void annotate(Span span, Decision decision) {
        span.setAttribute(DECISION_ID_ATTRIBUTE, decision.decisionId());
        span.setAttribute("clearance.outcome", decision.decision().name());
        span.setAttribute("clearance.policy_version", decision.policyVersion());
    }
}
