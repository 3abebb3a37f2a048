package io.clearance.decision;

import io.clearance.engine.PolicyEngine;
import io.clearance.ownership.graph.OwnershipGraph;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Decides requests with the rule set that serves now, over the live ownership graph. */
@ApplicationScoped
public class DecisionService {

    private final PolicyEngine engine;
    private final OwnershipGraph graph;
    private final ShadowEvaluator shadow;
    private final Decider decider;

    DecisionService(PolicyEngine engine, OwnershipGraph graph, ShadowEvaluator shadow, Decider decider) {
        this.decider = decider;
        this.engine = engine;
        this.graph = graph;
        this.shadow = shadow;
    }

    /**
     * @throws UnknownPartyException when the request names a party the registry does not hold
     */
    public Decision decide(DecisionQuery query) {
        Decision decision = decider.decide(UUID.randomUUID().toString(), query, engine.active(), graph);
        shadow.offer(query, decision);
        return decision;
    }
}
