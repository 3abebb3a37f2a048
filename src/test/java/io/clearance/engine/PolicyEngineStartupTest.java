package io.clearance.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clearance.ClearanceConfig;
import io.clearance.policy.PolicyDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        PolicyEngine engine = new PolicyEngine(
                config(Path.of("src/test/resources/broken-rules/two-files")), store, RULES, new RuleFaults());

        RuleSetRejectedException failure = assertThrows(RuleSetRejectedException.class, () -> engine.start());

        assertEquals(
                List.of(
                        "a.drl:9:10: unknown type `NoSuchFact`",
                        "b.drl:9:18: unknown name `headquarters`: neither a property of `Subject` nor a bound variable",
                        "b.drl:14:1: rule `A rule without a clause` has no @clause naming the clause of the written policy it implements"),
                failure.errors().stream().map(CompileError::toString).toList());
        assertEquals(LoadAttempt.Outcome.REJECTED, recorded.get(0).outcome());
        assertThrows(IllegalStateException.class, engine::active);
    }

    @Test
    void startupRefusesARulesFolderThatTriesToAct() {
        PolicyEngine engine = new PolicyEngine(
                config(Path.of("src/test/resources/escape-rules/fqn-call")), recordingStore(), RULES, new RuleFaults());

        RuleSetRejectedException failure = assertThrows(RuleSetRejectedException.class, engine::start);

        assertEquals(
                List.of(
                        "escape.drl:10:5: type `java.nio.file.Files` is not allowed in rules",
                        "escape.drl:10:37: type `java.nio.file.Path` is not allowed in rules"),
                failure.errors().stream().map(CompileError::toString).toList());
    }

    @Test
    void startupRefusesARulesFolderWithADanglingLink(@TempDir Path rules) throws IOException {
        Files.copy(Path.of("rules/default.drl"), rules.resolve("default.drl"));
        Files.createSymbolicLink(rules.resolve("ownership.drl"), rules.resolve("gone.drl"));
        PolicyEngine engine = new PolicyEngine(config(rules), recordingStore(), RULES, new RuleFaults());

        RuleSetRejectedException failure = assertThrows(RuleSetRejectedException.class, engine::start);

        assertEquals(
                List.of(
                        "ownership.drl:0:0: `ownership.drl` is a symbolic link to nothing; the rule set is refused whole"),
                failure.errors().stream().map(CompileError::toString).toList());
        assertThrows(IllegalStateException.class, engine::active);
    }

    private static PolicyStore recordingStore() {
        return new PolicyStore() {
            @Override
            public void saveAttempt(LoadAttempt attempt) {}

            @Override
            public void saveServedVersion(RuleSet ruleSet, PolicyDocument policy) {
                throw new AssertionError("a rejected rule set must never be stored as served");
            }
        };
    }

    static final RulesConfig RULES = new RulesConfig() {
        @Override
        public Duration decisionBudget() {
            return Duration.ofMillis(500);
        }

        @Override
        public int maxFirings() {
            return 10_000;
        }

        @Override
        public Duration faultWindow() {
            return Duration.ofMinutes(5);
        }
    };

    static ClearanceConfig config(Path rules) {
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
            public InstanceSettings instance() {
                return java.util.Optional::empty;
            }

            @Override
            public PolicySettings policy() {
                return new PolicySettings() {
                    @Override
                    public boolean watch() {
                        return false;
                    }

                    @Override
                    public Duration followInterval() {
                        return Duration.ofSeconds(1);
                    }
                };
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
