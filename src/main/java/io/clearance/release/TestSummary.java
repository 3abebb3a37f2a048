package io.clearance.release;

import java.util.List;

/**
 * What the scenario files in {@code policies/tests} said about a rule set when it was released.
 *
 * @param failures each failing case ({@code file › case: differences}) and each uncovered rule, for people
 */
public record TestSummary(int passed, int failed, int uncoveredRules, List<String> failures) {

    public TestSummary {
        failures = failures == null ? List.of() : List.copyOf(failures);
    }

    public boolean clean() {
        return failed == 0 && uncoveredRules == 0;
    }
}
