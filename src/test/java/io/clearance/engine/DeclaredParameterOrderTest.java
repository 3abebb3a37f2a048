package io.clearance.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clearance.engine.facts.BannedJurisdiction;
import io.clearance.policy.PolicyDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A rule set's parameters come out in the order the DRL declares them, whatever order the session keeps its
 * facts in or the agenda fires its rules in: {@code GET /v1/policy} and a rule-set diff read the same on
 * every compile and every instance.
 */
class DeclaredParameterOrderTest {

    private static final PolicyDocument POLICY = PolicyDocument.read(Path.of("policies/policy.md"));

    // Names out of alphabetical order and many of them: an order the session happened to keep would not pass.
    private static final List<String> ACTIONS = List.of(
            "zeta.write", "alpha.read", "mu.export", "beta.pay", "omega.sign", "kappa.ship", "delta.view", "eta.call");

    @Test
    void restrictedActionsAndBansAreInDeclaredOrderOnEveryCompile() {
        List<RuleSource> sources = List.of(
                new RuleSource("a-first.drl", file("First", ACTIONS.subList(0, 3), List.of("RU", "CN"))),
                new RuleSource(
                        "b-second.drl",
                        file("Second", ACTIONS.subList(3, 5), List.of("KP"))
                                + rule("Third actions are restricted", ACTIONS.subList(5, 8), "RestrictedAction")
                                + rule("Third jurisdictions are banned", List.of("IR", "BY"), "BannedJurisdiction")));
        RuleSetCompiler compiler = new RuleSetCompiler();
        for (int compile = 0; compile < 2; compile++) {
            PolicyParameters parameters = compiler.compile(sources, POLICY).parameters();
            assertEquals(ACTIONS, new ArrayList<>(parameters.restrictedActions()));
            assertEquals(
                    List.of("RU", "CN", "KP", "IR", "BY"),
                    parameters.bans().stream().map(BannedJurisdiction::getCode).toList());
        }
    }

    private static String file(String name, List<String> actions, List<String> bans) {
        StringBuilder rules = new StringBuilder("package clearance.rules;\nimport io.clearance.engine.facts.*;\n");
        rules.append(rule(name + " actions are restricted", actions, "RestrictedAction"));
        rules.append(rule(name + " jurisdictions are banned", bans, "BannedJurisdiction"));
        return rules.toString();
    }

    private static String rule(String name, List<String> values, String fact) {
        StringBuilder rule = new StringBuilder(
                "rule \"" + name + "\"\n    @clause(\"1.2\") @description(\"Declares " + name + "\")\nwhen\nthen\n");
        for (String value : values) {
            rule.append("    insert(new ")
                    .append(fact)
                    .append("(\"")
                    .append(value)
                    .append("\"));\n");
        }
        return rule.append("end\n").toString();
    }
}
