package io.clearance.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How much of the machine the authoring endpoints may take ({@code clearance.authoring.*}): validating,
 * testing, shadowing and measuring the impact of a candidate compile and run rules an author sent, over
 * the whole registry for impact, beside the decisions the service is there for. See {@link AuthoringWork}.
 */
@ConfigMapping(prefix = "clearance.authoring")
public interface AuthoringLimitsConfig {

    /** Candidate runs at once, across validate, test, impact and shadow; more are answered 429 {@code busy}. */
    @WithDefault("2")
    int maxConcurrent();

    /** How long one run may take before it is stopped and answered 503 {@code budget-exceeded}. */
    @WithDefault("120s")
    Duration timeBudget();
}
