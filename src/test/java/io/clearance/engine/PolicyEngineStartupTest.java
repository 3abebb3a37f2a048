package io.clearance.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clearance.ClearanceConfig;
import io.clearance.policy.PolicyDocument;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A server whose rule set does not compile refuses to start, listing every error; it never serves nothing. */
class PolicyEngineStartupTest {

    @Test
    void startupFailsFastWithTheSameErrorList() {
        List<LoadAttempt> recorded = new ArrayList<>();
        PolicyStore store = new PolicyStore() {
            @Override
            public void saveAttempt(LoadAttempt attempt) {
                recorded.add(attempt);
            }

            @Override
            public void saveServedVersion(RuleSet ruleSet, PolicyDocument policy) {
                throw new AssertionError("a rejected rule set must never be stored as served");
            }
        };
        PolicyEngine engine = new PolicyEngine(config(Path.of("src/test/resources/broken-rules/two-files")), store);

        RuleSetRejectedException failure = assertThrows(RuleSetRejectedException.class, () -> engine.onStart(null));

        assertEquals(
                List.of(
                        "a.drl:9:10: Unable to resolve ObjectType 'NoSuchFact'",
                        "b.drl:9:18: Unable to Analyse Expression headquarters == \"CN\": unable to resolve method using strict-mode: io.clearance.engine.facts.Subject.headquarters()",
                        "b.drl:14:1: rule `A rule without a clause` has no @clause naming the clause of the written policy it implements"),
                failure.errors().stream().map(CompileError::toString).toList());
        assertEquals(LoadAttempt.Outcome.REJECTED, recorded.get(0).outcome());
        assertThrows(IllegalStateException.class, engine::active);
    }

    private static ClearanceConfig config(Path rules) {
        return new ClearanceConfig() {
            @Override
            public Path rulesDir() {
                return rules;
            }

            @Override
            public Path policiesDir() {
                return Path.of("policies");
            }

            @Override
            public String policyDocument() {
                return "policy.md";
            }

            @Override
            public DemoRegistry demoRegistry() {
                return null;
            }

            @Override
            public Db db() {
                return null;
            }

            @Override
            public PolicySettings policy() {
                return () -> false;
            }

            @Override
            public Watch watch() {
                return new Watch() {
                    @Override
                    public Duration debounce() {
                        return Duration.ofMillis(300);
                    }
                };
            }
        };
    }
}
