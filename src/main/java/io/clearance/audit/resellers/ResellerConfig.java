package io.clearance.audit.resellers;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The settings of reseller oversight ({@code clearance.resellers.*}). */
@ConfigMapping(prefix = "clearance.resellers")
public interface ResellerConfig {

    Oversight oversight();

    interface Oversight {
        /**
         * How often every declared reseller is compared with the rule set's threshold, e.g. {@code 60s};
         * {@code off} stops the schedule (reading a report still checks that reseller).
         */
        @WithDefault("60s")
        String every();
    }
}
