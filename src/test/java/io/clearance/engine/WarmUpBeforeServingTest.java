package io.clearance.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.clearance.authoring.RuleSetWarmUp;
import io.clearance.authoring.ScenarioLoader;
import io.clearance.authoring.ScenarioRunner;
import io.clearance.decision.Action;
import io.clearance.decision.Decider;
import io.clearance.decision.DecisionQuery;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.policy.PolicyDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newly compiled rule set's first serving decision does not pay the rule base's cold start (loading Drools'
 * generated classes) against the decision budget, on each path into service: start, reload, and a follower
 * serving what another instance released. The budget is set as a test profile would, far below what a cold
 * first run of the bundled rules costs (milliseconds of CPU; more on a loaded machine) and well above a warm
 * decision's (a fraction of one): without the warm-up the first decision overruns it and is run again cold,
 * which {@link RuleFaults#coldRetries()} counts, so this test fails. No duration is asserted.
 */
class WarmUpBeforeServingTest {

    private static final Duration LOW_BUDGET = Duration.ofMillis(4);
    private static final OwnershipGraph GRAPH = ScenarioRunner.graphOf(new ScenarioLoader()
            .load(Path.of("policies/tests")).stream()
                    .filter(s -> s.file().equals("jurisdiction-bans.yaml"))
                    .findFirst()
                    .orElseThrow());

    private final Map<String, PolicyStore.StoredVersion> stored = new ConcurrentHashMap<>();
    private final PolicyStore shared = new PolicyStore() {
        @Override
        public void saveServedVersion(RuleSet ruleSet, PolicyDocument policy) {
            stored.putIfAbsent(
                    ruleSet.version(),
                    new PolicyStore.StoredVersion(ruleSet.version(), Instant.now(), ruleSet.sources(), policy));
        }

        @Override
        public Optional<PolicyStore.StoredVersion> servedVersion(String version) {
            return Optional.ofNullable(stored.get(version));
        }

        @Override
        public void saveAttempt(LoadAttempt attempt) {}
    };

    @TempDir
    Path rules;

    @BeforeEach
    void copyBundledRules() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("rules"))) {
            for (Path file : files.toList()) {
                Files.copy(file, rules.resolve(file.getFileName()));
            }
        }
    }

    @Test
    void theFirstDecisionAfterStartIsDecidedWithinALowBudget() {
        RuleFaults faults = new RuleFaults();
        PolicyEngine engine = engine(faults);

        engine.start();

        assertEquals(0, faults.settled(), "the warm-up's runs are counted nowhere");
        assertFirstDecisionDecidedWarm(engine.active(), faults);
    }

    @Test
    void theFirstDecisionAfterAReloadAndOnAFollowerIsDecidedWithinALowBudget() throws IOException {
        RuleFaults leaderFaults = new RuleFaults();
        RuleFaults followerFaults = new RuleFaults();
        PolicyEngine leader = engine(leaderFaults);
        PolicyEngine follower = engine(followerFaults);
        leader.start();
        follower.start();
        String before = leader.active().version();
        // A new version: the same rules with a comment more, compiled into a new (cold) rule base.
        Files.writeString(rules.resolve("scope.drl"), "\n// reworded\n", StandardOpenOption.APPEND);

        LoadAttempt reloaded = leader.reload(LoadAttempt.Trigger.RELOAD);
        assertEquals(LoadAttempt.Outcome.ACTIVATED, reloaded.outcome());
        assertFirstDecisionDecidedWarm(leader.active(), leaderFaults);

        // The follower compiles the released version from the store, as on a NOTIFY, and serves it.
        LoadAttempt followed = follower.serveStored(
                        reloaded.version(), LoadAttempt.Trigger.FOLLOW, PolicyEngine.NO_CHECK)
                .orElseThrow();
        assertEquals(LoadAttempt.Outcome.ACTIVATED, followed.outcome());
        assertFalse(before.equals(follower.active().version()));
        assertFirstDecisionDecidedWarm(follower.active(), followerFaults);
    }

    private PolicyEngine engine(RuleFaults faults) {
        return new PolicyEngine(
                PolicyEngineStartupTest.config(rules), shared, lowBudget(), faults, new RuleSetWarmUp(new Decider()));
    }

    private static void assertFirstDecisionDecidedWarm(RuleSet serving, RuleFaults faults) {
        long settled = faults.settled();
        Decider.Traced first =
                new Decider().trace("first", new DecisionQuery("jade-ai", Action.API_ACCESS, null), serving, GRAPH);

        assertNull(first.indeterminate(), "the first decision is decided within the budget");
        assertEquals(
                "Organisations headquartered in a banned jurisdiction are denied restricted actions",
                first.decision().reasons().get(0).rule());
        assertEquals(0, faults.coldRetries(), "no decision ran cold: it did not have to be made twice");
        assertEquals(0, faults.total());
        assertEquals(settled + 1, faults.settled());
    }

    private static RulesConfig lowBudget() {
        RulesConfig defaults = PolicyEngineStartupTest.RULES;
        return new RulesConfig() {
            @Override
            public Duration decisionBudget() {
                return LOW_BUDGET;
            }

            @Override
            public int maxFirings() {
                return defaults.maxFirings();
            }

            @Override
            public Duration faultWindow() {
                return defaults.faultWindow();
            }

            @Override
            public Optional<Path> cacheDir() {
                return Optional.empty();
            }
        };
    }
}
