package io.clearance.api;

import io.clearance.engine.CompileError;
import io.clearance.engine.LoadAttempt;
import io.clearance.engine.PolicyParameters;
import io.clearance.engine.PolicyStore;
import io.clearance.engine.RuleInfo;
import io.clearance.release.Activation;
import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code GET /v1/policy}: the serving version, its rules and parameters, the shadow if any,
 * and the newest load attempts.
 *
 * @param status {@code serving}, or {@code degraded} when the newest load attempt was rejected
 * @param lastAttempt absent before the first attempt
 * @param release the recorded activation of the serving version: who released it, when, how, why
 * @param restoredAtStartup {@code true} when the serving version was restored from the database at start;
 *     absent otherwise
 * @param onDisk absent when the rules folder holds the serving version; else the version on disk
 * @param warnings what serves but deserves an author's look
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
        Activation release,
        Boolean restoredAtStartup,
        DiskVersion onDisk,
        PolicyParameters parameters,
        List<CompileError> warnings,
        List<RuleInfo> rules,
        ShadowRef shadow,
        List<PolicyStore.StoredAttempt> history) {

    /** The shadow rule set in brief: its version and how many rules it has. */
    public record ShadowRef(String version, int rules) {}
}
