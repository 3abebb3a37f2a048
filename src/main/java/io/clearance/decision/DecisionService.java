package io.clearance.decision;

import io.clearance.engine.PolicyEngine;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Decides requests with the rule set that serves now, over the live ownership graph, through the decision
 * memo ({@link DecisionMemo}): a request for now whose inputs have not changed is answered from it.
 */
@ApplicationScoped
public class DecisionService {

    private final PolicyEngine engine;
    private final ShadowEvaluator shadow;
    private final MeterRegistry metrics;
    private final Decider decider;
    private final DecisionMemo memo;

    DecisionService(
            PolicyEngine engine, ShadowEvaluator shadow, Decider decider, DecisionMemo memo, MeterRegistry metrics) {
        this.decider = decider;
        this.memo = memo;
        this.engine = engine;
        this.shadow = shadow;
        this.metrics = metrics;
    }

    /**
     * @throws UnknownPartyException when the request names a party the registry does not hold
     */
    public Decision decide(DecisionQuery query) {
        Decision decision = memo.decide(UUID.randomUUID().toString(), query, engine.active(), decider);
        shadow.offer(query, decision);
        // clearance_advice_total{code=...} at /q/metrics: live decisions only, never scenarios or impact runs.
        // Codes are bounded by the rule set (Advice checks their form), so the tag's cardinality is too.
        for (Advice given : decision.advice()) {
            metrics.counter("clearance.advice", "code", given.code()).increment();
        }
        return decision;
    }
}
