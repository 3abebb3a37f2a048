package io.clearance.cli;

import io.clearance.authoring.ScenarioException;
import io.clearance.authoring.ScenarioLoader;
import io.clearance.authoring.ScenarioResult;
import io.clearance.authoring.ScenarioRunner;
import io.clearance.decision.Decider;
import io.clearance.engine.RuleInfo;
import io.clearance.engine.RuleSet;
import io.clearance.engine.RuleSetCompiler;
import io.clearance.engine.RuleSetRejectedException;
import io.clearance.engine.RuleSource;
import io.clearance.policy.PolicyDocument;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clearance test policies/}: runs the scenario files and reports failures and rule coverage. */
@Command(
        name = "test",
        description = "Run the scenario files against a rule set; exit 1 on a failing case or an uncovered rule.")
final class TestCommand implements Callable<Integer> {

    @Parameters(
            index = "0",
            defaultValue = "policies",
            description = "folder with policy.md and tests/ (default: ${DEFAULT-VALUE})")
    Path policies;

    @Option(
            names = "--rules",
            defaultValue = "rules",
            description = "folder of *.drl files (default: ${DEFAULT-VALUE})")
    Path rules;

    @Option(names = "--allow-uncovered", description = "do not fail when a rule fires in no scenario")
    boolean allowUncovered;

    @Option(
            names = {"-v", "--verbose"},
            description = "print passing cases too")
    boolean verbose;

    @Override
    public Integer call() {
        RuleSet ruleSet;
        ScenarioRunner.Report report;
        try {
            ruleSet = new RuleSetCompiler()
                    .compile(RuleSource.readDirectory(rules), PolicyDocument.read(policies.resolve("policy.md")));
            report = new ScenarioRunner(new Decider())
                    .run(ruleSet, new ScenarioLoader().load(policies.resolve("tests")));
        } catch (RuleSetRejectedException e) {
            System.err.println(e.getMessage());
            return 1;
        } catch (ScenarioException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
        for (ScenarioResult result : report.results()) {
            if (verbose || !result.passed()) {
                System.out.println(result.report());
            }
        }
        for (RuleInfo rule : report.uncoveredRules()) {
            System.out.printf(
                    "uncovered: %s:%d: rule `%s` fires in no scenario%n", rule.file(), rule.line(), rule.name());
        }
        long passed = report.results().size() - report.failed();
        System.out.printf("%d passed, %d failed%n", passed, report.failed());
        System.out.printf(
                "coverage: %d of %d rules fire in some scenario (version %s)%n",
                ruleSet.rules().size() - report.uncoveredRules().size(),
                ruleSet.rules().size(),
                ruleSet.version());
        boolean uncoveredFails = !allowUncovered && !report.uncoveredRules().isEmpty();
        return report.failed() > 0 || uncoveredFails ? 1 : 0;
    }
}
