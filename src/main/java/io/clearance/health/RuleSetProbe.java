package io.clearance.health;

import io.clearance.engine.PolicyEngine;
import jakarta.enterprise.context.ApplicationScoped;

/** Ready while a compiled rule set serves; its version is the detail. */
@ApplicationScoped
public class RuleSetProbe implements ReadinessProbe {

    private final PolicyEngine engine;

    RuleSetProbe(PolicyEngine engine) {
        this.engine = engine;
    }

    @Override
    public String name() {
        return "rule-set";
    }

    @Override
    public Result probe() {
        PolicyEngine.Served served = engine.served();
        if (served == null || served.ruleSet() == null) {
            return Result.notReady("no rule set is serving");
        }
        return Result.ready("serving " + served.ruleSet().version() + " with "
                + served.ruleSet().rules().size() + " rules");
    }
}
