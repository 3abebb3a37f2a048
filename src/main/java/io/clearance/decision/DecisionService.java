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
        return answer(query).decision();
    }

    /**
     * The decision for {@code query} with its JSON as answered (serialised once, or a memo hit's bytes).
     *
     * @throws UnknownPartyException when the request names a party the registry does not hold
     */
    public DecisionAnswer answer(DecisionQuery query) {
        return given(query, memo.answer(UUID.randomUUID().toString(), query, engine.active(), decider));
    }

    /**
     * The memoised answer to {@code query}, or {@code null} when it must be decided ({@link #answer}): never
     * blocks, so the event loop may call it.
     */
    public DecisionAnswer memoised(DecisionQuery query) {
        DecisionAnswer answer = memo.memoised(UUID.randomUUID().toString(), query, engine.active());
        return answer == null ? null : given(query, answer);
    }

    private DecisionAnswer given(DecisionQuery query, DecisionAnswer answer) {
        Decision decision = answer.decision();
        shadow.offer(query, decision);
        // clearance_advice_total{code=...} at /q/metrics: live decisions only, never scenarios or impact runs.
        // Codes are bounded by the rule set (Advice checks their form), so the tag's cardinality is too.
        for (Advice given : decision.advice()) {
            metrics.counter("clearance.advice", "code", given.code()).increment();
        }
        return answer;
    }
}
