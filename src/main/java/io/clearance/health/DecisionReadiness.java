package io.clearance.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Readiness as a decision sees it ({@code decisions} in {@code /q/health/ready}): up only when every
 * {@link ReadinessProbe} is, with each probe's detail under its name, so an operator reads which part
 * keeps the instance out of rotation. A load balancer then sends no decisions to an instance that could
 * not answer and log them.
 */
@Readiness
@ApplicationScoped
public class DecisionReadiness implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(DecisionReadiness.class);

    private final Instance<ReadinessProbe> probes;

    DecisionReadiness(@Any Instance<ReadinessProbe> probes) {
        this.probes = probes;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("decisions");
        boolean ready = true;
        List<ReadinessProbe> ordered = probes.stream()
                .sorted(Comparator.comparing(ReadinessProbe::name))
                .toList();
        for (ReadinessProbe probe : ordered) {
            ReadinessProbe.Result result;
            try {
                result = probe.probe();
            } catch (RuntimeException e) {
                LOG.warnf("readiness probe %s failed: %s", probe.name(), e.toString());
                result = ReadinessProbe.Result.notReady("the probe failed: " + e.getMessage());
            }
            ready &= result.ready();
            response.withData(probe.name(), (result.ready() ? "UP: " : "DOWN: ") + result.detail());
        }
        return response.status(ready).build();
    }
}
