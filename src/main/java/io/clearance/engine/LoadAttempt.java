package io.clearance.engine;

import java.time.Instant;
import java.util.List;

/**
 * One attempt to put a rule set in service, kept in the load history that {@code GET /v1/policy} shows.
 *
 * @param version the content hash of what was read (also for a rejected rule set)
 * @param errors every error, for a rejected rule set; empty otherwise
 */
public record LoadAttempt(
        Instant at, Trigger trigger, Outcome outcome, String version, int ruleCount, List<CompileError> errors) {

    public LoadAttempt {
        errors = List.copyOf(errors);
    }

    /** What started the attempt. */
    public enum Trigger {
        STARTUP,
        RELOAD,
        WATCHER,
        PROMOTE,
        /** {@code POST /v1/policy/versions/{version}/activate} of a version that never served before. */
        ACTIVATE,
        /** {@code POST /v1/policy/versions/{version}/activate} of a version that served before. */
        ROLLBACK,
        /** Another instance on the same database released it; this one follows (see the release follower). */
        FOLLOW
    }

    /** How it ended. */
    public enum Outcome {
        /** The rule set compiled and now serves. */
        ACTIVATED,
        /** The files are the ones already serving; nothing was swapped. */
        UNCHANGED,
        /** The rule set did not compile or lacked metadata; the previous one keeps serving. */
        REJECTED
    }
}
