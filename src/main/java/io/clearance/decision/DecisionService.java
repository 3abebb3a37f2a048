package io.clearance.decision;

import io.clearance.engine.PolicyEngine;
import io.clearance.ownership.OwnershipGraph;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Decides requests with the rule set that serves now, over the live ownership graph. */
@ApplicationScoped
public class DecisionService {

    private final PolicyEngine engine;
    private final OwnershipGraph graph;
    private final DecisionEvaluator evaluator = new DecisionEvaluator();

    DecisionService(PolicyEngine engine, OwnershipGraph graph) {
        this.engine = engine;
        this.graph = graph;
    }

    /**
     * @throws UnknownPartyException when the request names a party the registry does not hold
     */
    public Decision decide(DecisionQuery query) {
        return evaluator.decide(UUID.randomUUID().toString(), query, engine.active(), graph);
    }
}
