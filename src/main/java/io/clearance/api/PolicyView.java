package io.clearance.api;

import io.clearance.engine.LoadAttempt;
import io.clearance.engine.PolicyParameters;
import io.clearance.engine.PolicyStore;
import io.clearance.engine.RuleInfo;
import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code GET /v1/policy}: the serving version, its rules and parameters, the shadow if any,
 * and the newest load attempts.
 *
 * @param status {@code serving}, or {@code degraded} when the newest load attempt was rejected
 * @param lastAttempt absent before the first attempt
 * @param shadow absent when no shadow rule set is installed
 */
public record PolicyView(
        String version,
        Instant servingSince,
        LoadAttempt.Trigger loadedBy,
        String rulesDir,
        String policyDocument,
        String status,
        LoadAttempt lastAttempt,
        PolicyParameters parameters,
        List<RuleInfo> rules,
        ShadowRef shadow,
        List<PolicyStore.StoredAttempt> history) {

    /** The shadow rule set in brief: its version and how many rules it has. */
    public record ShadowRef(String version, int rules) {}
}
