package io.clearance.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.clearance.engine.RuleInfo;
import java.util.List;

/**
 * The answer of {@code POST /v1/policy/test}: how many scenario cases passed and failed under the rule set
 * tested, each failure with its differences, and the rules no scenario makes fire.
 */
public record ScenarioTestAnswer(
        String version, long passed, long failed, List<Failure> failures, List<RuleInfo> uncoveredRules) {

    /**
     * One case that did not come out as its file expects.
     *
     * @param report the case as the command-line runner prints it
     */
    public record Failure(
            String file, @JsonProperty("case") String caseName, List<String> differences, String report) {}
}
