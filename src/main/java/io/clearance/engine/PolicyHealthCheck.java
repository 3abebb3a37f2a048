package io.clearance.engine;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the policy: up while a rule set serves. When the newest reload was refused, the check stays
 * up (decisions go on under the previous version) but says {@code degraded}, with the errors, so that
 * monitoring sees that the files on disk are not what serves.
 */
@Readiness
@ApplicationScoped
public class PolicyHealthCheck implements HealthCheck {

    private final PolicyEngine engine;

    PolicyHealthCheck(PolicyEngine engine) {
        this.engine = engine;
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
                .withData("since", served.since().toString());
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
                        () -> response.withData("status", "serving"));
        return response.build();
    }
}
