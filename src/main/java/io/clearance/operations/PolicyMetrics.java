package io.clearance.operations;

import io.clearance.engine.LoadAttempt;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Rule-set loads: {@code clearance_policy_reloads_total} by {@code outcome} ({@code ACTIVATED},
 * {@code UNCHANGED}, {@code REJECTED}: a failure, the previous version still serving) and {@code trigger}.
 */
@ApplicationScoped
public class PolicyMetrics {

    private final MeterRegistry registry;

    PolicyMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void loaded(@Observes LoadAttempt attempt) {
        Counter.builder("clearance.policy.reloads")
                .description("Rule-set load attempts, by outcome (REJECTED: failed, the previous version serves)")
                .tags(
                        "outcome",
                        attempt.outcome().name(),
                        "trigger",
                        attempt.trigger().name())
                .register(registry)
                .increment();
    }
}
