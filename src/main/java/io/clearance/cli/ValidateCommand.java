package io.clearance.cli;

import io.clearance.engine.CompileError;
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

/** {@code clearance validate rules/}: compiles a rule set as the server would, without serving it. */
@Command(name = "validate", description = "Compile a rules folder and check its metadata; exit 1 with every error.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", defaultValue = "rules", description = "folder of *.drl files (default: ${DEFAULT-VALUE})")
    Path rules;

    @Option(
            names = "--policy",
            defaultValue = "policies/policy.md",
            description = "the written policy (default: ${DEFAULT-VALUE})")
    Path policy;

    @Override
    public Integer call() {
        try {
            RuleSet ruleSet =
                    new RuleSetCompiler().compile(RuleSource.readDirectory(rules), PolicyDocument.read(policy));
            System.out.printf("ok: %d rules, version %s%n", ruleSet.rules().size(), ruleSet.version());
            ruleSet.warnings().forEach(w -> System.out.println("warning: " + w));
            return 0;
        } catch (RuleSetRejectedException e) {
            e.errors().stream().map(CompileError::toString).forEach(System.err::println);
            System.err.printf(
                    "%d error(s): the rule set would not be served%n",
                    e.errors().size());
            return 1;
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
    }
}
