package io.clearance.release;

import java.util.List;

/**
 * A rule set the release gate refused: a scenario in {@code policies/tests} failed or a rule fires in no
 * scenario. Answered as 422 {@code rule-set-failed-tests} with every failure.
 *
 * @param serving the version that keeps serving
 */
public final class RuleSetFailedTestsException extends RuntimeException {

    private final String version;
    private final String serving;
    private final List<ReleaseGate.Failure> failures;

    public RuleSetFailedTestsException(
            String version, String serving, TestSummary summary, List<ReleaseGate.Failure> failures) {
        super("rule set " + version + " failed the release gate: " + summary.failed() + " scenario case(s) failed, "
                + summary.uncoveredRules() + " rule(s) fire in no scenario; still serving " + serving
                + "; `force=true` with a `reason` overrides");
        this.version = version;
        this.serving = serving;
        this.failures = List.copyOf(failures);
    }

    public String version() {
        return version;
    }

    public String serving() {
        return serving;
    }

    public List<ReleaseGate.Failure> failures() {
        return failures;
    }
}
