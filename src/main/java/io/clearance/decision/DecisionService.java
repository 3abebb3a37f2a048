package io.clearance.decision;

import io.clearance.engine.PolicyEngine;
import io.clearance.ownership.graph.OwnershipGraph;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Decides requests with the rule set that serves now, over the live ownership graph. */
@ApplicationScoped
public class DecisionService {

    private final PolicyEngine engine;
    private final OwnershipGraph graph;
    private final ShadowEvaluator shadow;
    private final MeterRegistry metrics;
    private final Decider decider;

    DecisionService(
            PolicyEngine engine, OwnershipGraph graph, ShadowEvaluator shadow, Decider decider, MeterRegistry metrics) {
        this.decider = decider;
        this.engine = engine;
        this.graph = graph;
        this.shadow = shadow;
        this.metrics = metrics;
    }

    /**
     * @throws UnknownPartyException when the request names a party the registry does not hold
     */
    public Decision decide(DecisionQuery query) {
        Decision decision = decider.decide(UUID.randomUUID().toString(), query, engine.active(), graph);
        shadow.offer(query, decision);
        // clearance_advice_total{code=...} at /q/metrics: live decisions only, never scenarios or impact runs.
        // Codes are bounded by the rule set (Advice checks their form), so the tag's cardinality is too.
        for (Advice given : decision.advice()) {
            metrics.counter("clearance.advice", "code", given.code()).increment();
        }
        return decision;
    }
}
