package io.clearance.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Readiness from the decisions themselves: when the last {@code clearance.health.failed-decisions} decisions
 * in a row failed on the server's side (an error, not a refusal of bad input), the instance says it is not
 * ready rather than go on answering 500s while its health says up. One decision that succeeds makes it
 * ready again. The decision path reports each outcome here; the rule engine's fail-closed path may too.
 */
@ApplicationScoped
public class DecisionFailures implements ReadinessProbe {

    private final int threshold;
    private final AtomicLong consecutive = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private volatile String lastFailure = "";

    DecisionFailures(@ConfigProperty(name = "clearance.health.failed-decisions", defaultValue = "5") int threshold) {
        this.threshold = threshold;
    }

    /** A decision answered (any outcome, refusals of bad input included). */
    public void succeeded() {
        consecutive.set(0);
    }

    /** A decision that failed on the server's side; {@code why} is one line for the operator. */
    public void failed(String why) {
        lastFailure = why == null ? "" : why;
        consecutive.incrementAndGet();
        total.incrementAndGet();
    }

    @Override
    public String name() {
        return "recent-decisions";
    }

    @Override
    public Result probe() {
        long failing = consecutive.get();
        String detail = failing + " failed in a row (limit " + threshold + "), " + total.get() + " since start"
                + (lastFailure.isEmpty() ? "" : "; last: " + lastFailure);
        return failing >= threshold ? Result.notReady(detail) : Result.ready(detail);
    }
}
