package io.clearance.engine;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the policy: up while a rule set serves. When the newest reload was refused, the check stays
 * up (decisions go on under the previous version) but says {@code degraded}, with the errors, so that
 * monitoring sees that the files on disk are not what serves. It also says {@code degraded} while the
 * serving rule set fails decisions (a rule throws or runs past its budget: those decisions are DENY,
 * indeterminate), naming the latest failing rule, until {@code clearance.rules.fault-window} passes without
 * another failure.
 */
@Readiness
@ApplicationScoped
public class PolicyHealthCheck implements HealthCheck {

    private final PolicyEngine engine;
    private final RuleFaults faults;
    private final RulesConfig rules;

    PolicyHealthCheck(PolicyEngine engine, RuleFaults faults, RulesConfig rules) {
        this.engine = engine;
        this.faults = faults;
        this.rules = rules;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("policy");
        PolicyEngine.Served served = engine.served();
        if (served == null) {
            return response.down().withData("status", "no rule set loaded").build();
        }
        response.up()
                .withData("version", served.ruleSet().version())
                .withData("since", served.since().toString())
                .withData("indeterminateDecisions", faults.total());
        // Still up: failing closed, every decision is answered and logged (DENY, indeterminate), and taking
        // the instance out of rotation for one bad rule would stop every decision the rule does not touch.
        var failing = faults.recent(served.ruleSet().version(), rules.faultWindow());
        failing.ifPresent(fault -> response.withData("decisionsFailing", true)
                .withData("lastFailedRule", fault.why().ruleOrUnknown())
                .withData(
                        "lastFailure",
                        fault.why().cause().code() + ": " + fault.why().detail())
                .withData("lastFailedAt", fault.at().toString()));
        engine.lastAttempt()
                .filter(attempt -> attempt.outcome() == LoadAttempt.Outcome.REJECTED)
                .ifPresentOrElse(
                        rejected -> response.withData("status", "degraded")
                                .withData("rejectedVersion", rejected.version())
                                .withData("errors", rejected.errors().size())
                                .withData(
                                        "firstError",
                                        rejected.errors().isEmpty()
                                                ? ""
                                                : rejected.errors().get(0).toString()),
                        () -> response.withData("status", failing.isPresent() ? "degraded" : "serving"));
        return response.build();
    }
}
