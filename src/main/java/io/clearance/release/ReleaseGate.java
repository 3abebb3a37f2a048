package io.clearance.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.clearance.authoring.ScenarioException;
import io.clearance.authoring.ScenarioLoader;
import io.clearance.authoring.ScenarioResult;
import io.clearance.authoring.ScenarioRunner;
import io.clearance.decision.Decider;
import io.clearance.engine.PolicyEngine;
import io.clearance.engine.RuleInfo;
import io.clearance.engine.RuleSet;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The release gate: a rule set serves only when every scenario in {@code policies/tests} passes under it and
 * every one of its rules fires in at least one scenario, the same bar as {@code ./mvnw verify}. The scenarios
 * are read from disk at each check, so that the gate holds a candidate to the tests as they are now.
 */
@ApplicationScoped
public class ReleaseGate {

    private final PolicyEngine engine;
    private final Decider decider;

    ReleaseGate(PolicyEngine engine, Decider decider) {
        this.engine = engine;
        this.decider = decider;
    }

    /** Runs the scenarios under {@code candidate}; never throws for a failing rule set. */
    public Result check(RuleSet candidate) {
        List<Failure> failures = new ArrayList<>();
        int passed = 0;
        int failed = 0;
        int uncovered = 0;
        try {
            ScenarioRunner.Report report = new ScenarioRunner(decider)
                    .run(
                            candidate,
                            new ScenarioLoader().load(engine.policiesDir().resolve("tests")));
            for (ScenarioResult result : report.results()) {
                if (result.passed()) {
                    passed++;
                } else {
                    failed++;
                    failures.add(new Failure(
                            "failed-scenario", result.file(), result.caseName(), result.differences(), null, null));
                }
            }
            for (RuleInfo rule : report.uncoveredRules()) {
                uncovered++;
                failures.add(new Failure(
                        "uncovered-rule",
                        rule.file(),
                        null,
                        List.of("rule `" + rule.name() + "` fires in no scenario"),
                        rule.name(),
                        rule.line()));
            }
        } catch (ScenarioException e) {
            // A scenario file that cannot be run proves nothing: the gate stays shut.
            failed++;
            failures.add(new Failure("invalid-scenario", null, null, List.of(e.getMessage()), null, null));
        }
        List<String> lines = failures.stream().map(Failure::text).toList();
        return new Result(new TestSummary(passed, failed, uncovered, lines), List.copyOf(failures));
    }

    /** The summary kept in the history, and every failure as the problem body lists it. */
    public record Result(TestSummary summary, List<Failure> failures) {

        public boolean passed() {
            return summary.clean();
        }
    }

    /**
     * One reason the gate stays shut.
     *
     * @param kind {@code failed-scenario}, {@code uncovered-rule} or {@code invalid-scenario}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Failure(
            String kind, String file, String caseName, List<String> differences, String rule, Integer line) {

        String text() {
            return switch (kind) {
                case "failed-scenario" -> file + " › " + caseName + ": " + String.join("; ", differences);
                case "uncovered-rule" -> file + ":" + line + ": rule `" + rule + "` fires in no scenario";
                default -> String.join("; ", differences);
            };
        }
    }
}
