package io.clearance.release;

import io.clearance.engine.LoadAttempt;
import java.time.Instant;

/**
 * One release of a rule set into service, as the version history keeps it: which version, when, who, how
 * (startup, reload, watcher, promote, activate, rollback), the message given, whether the release gate was
 * overridden and why, and what the scenarios said.
 *
 * @param previousVersion what served before; {@code null} at the first start (every field is always present,
 *     {@code null} when empty, so that clients and the policy page read one shape)
 */
public record Activation(
        String version,
        Instant activatedAt,
        String actor,
        LoadAttempt.Trigger how,
        String message,
        boolean forced,
        String forceReason,
        TestSummary tests,
        String previousVersion) {}
