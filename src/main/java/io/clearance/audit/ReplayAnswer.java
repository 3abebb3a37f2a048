package io.clearance.audit;

import io.clearance.decision.Advice;
import io.clearance.decision.Reason;
import java.util.List;

/**
 * What replaying a logged decision found: what was recorded, and the decision again under the policy version
 * that decided it and under the one serving now, each with what differs from what was answered.
 *
 * @param registry which registry the replays read (the current one; the answer says so)
 * @param at the instant decided for: the one the request named, else the instant it was decided
 * @param underRecordedPolicy absent when the record names no policy version (a request refused before the rules)
 */
public record ReplayAnswer(
        String decisionId,
        String registry,
        String at,
        Recorded recorded,
        Replayed underRecordedPolicy,
        Replayed underActivePolicy) {

    /** The decision as it was logged. */
    public record Recorded(
            String decision, String errorCode, String policyVersion, Long registryVersion, List<String> rules) {}

    /**
     * The decision made again under one policy version.
     *
     * @param error why it could not be replayed (the version was never stored); the other fields are then absent
     * @param decision {@code PERMIT}, {@code REVIEW}, {@code DENY}, or {@code REJECTED} when the rules refused it
     * @param errorCode the problem code of a {@code REJECTED} replay
     * @param advice what advising rules attached to the replayed decision (never part of the outcome)
     * @param differences what differs from the recorded decision, one sentence each; empty when nothing does
     */
    public record Replayed(
            String policyVersion,
            String error,
            String decision,
            String errorCode,
            Long registryVersion,
            List<Reason> reasons,
            List<Advice> advice,
            List<String> differences) {

        static Replayed notStored(String version) {
            return new Replayed(
                    version,
                    "policy version `" + version + "` was never stored, so it cannot be replayed",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }
    }
}
