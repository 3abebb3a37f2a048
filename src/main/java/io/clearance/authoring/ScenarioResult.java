package io.clearance.authoring;

import io.clearance.decision.Decision;
import java.util.List;

/**
 * The outcome of one scenario case: passed when {@code differences} is empty.
 *
 * @param decision what the rules answered; {@code null} when the case could not be evaluated
 */
public record ScenarioResult(
        String file, String caseName, Scenario.Expectation expected, Decision decision, List<String> differences) {

    public boolean passed() {
        return differences.isEmpty();
    }

    /** For an author's terminal: the file and case, then each difference on its own line. */
    public String report() {
        StringBuilder text = new StringBuilder(file).append(" › ").append(caseName);
        if (passed()) {
            return text.append(": ok").toString();
        }
        text.append(": FAILED");
        differences.forEach(d -> text.append("\n    ").append(d));
        if (decision != null) {
            text.append("\n    actual: ").append(decision.decision());
            decision.reasons()
                    .forEach(r -> text.append("\n      - ")
                            .append(r.rule())
                            .append(" [")
                            .append(r.clause())
                            .append("]: ")
                            .append(r.message()));
            decision.advice()
                    .forEach(a -> text.append("\n      advice ")
                            .append(a.code())
                            .append(" from ")
                            .append(a.rule())
                            .append(" [")
                            .append(a.clause())
                            .append("]: ")
                            .append(a.message()));
        }
        return text.toString();
    }
}
