package io.clearance.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clearance.engine.facts.Request;
import io.clearance.engine.facts.RestrictedAction;
import io.clearance.policy.PolicyDocument;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Pooled Drools sessions answer exactly as fresh ones: threads evaluating at once through one rule set's pool,
 * mixing runs that settle with runs cut short by a throwing rule and by rules that never come to rest (whose
 * sessions go back to the pool mid-run), get for every request the evaluation a session of its own gives.
 * Nothing of an earlier run (facts, verdicts, fired rules, listeners, a halt) reaches a later one.
 */
class PooledSessionsTest {

    private static final PolicyDocument POLICY = PolicyDocument.read(Path.of("policies/policy.md"));
    private static final List<String> ACTIONS = List.of("api.access", "commercial.partnership", "publication.read");
    private static final int THREADS = 4;
    private static final int EVALUATIONS = 400;

    @Test
    void pooledSessionsUnderConcurrentUseAnswerAsFreshSessionsDo() throws Exception {
        RuleSet pooled = compile("""
                rule "Permits first"
                    @clause("6.1") @description("permits every request") salience 10
                when
                    Request()
                then
                    insert(Permit.because("permitted", null));
                end

                rule "Throws on partnerships"
                    @clause("6.1") @description("divides by zero for partnerships")
                when
                    Request(action == "commercial.partnership", $action : action)
                then
                    insert(Deny.because("never " + (1 / ($action.length() - 22)), null));
                end

                rule "Loops on publications"
                    @clause("6.1") @description("adds a permit for every permit, without end")
                when
                    Request(action == "publication.read")
                    Permit()
                then
                    insert(Permit.because("again", null));
                end
                """);
        RuleSet fresh = pooled.freshSessions();
        Map<String, String> expected = new LinkedHashMap<>();
        for (String action : ACTIONS) {
            expected.put(action, summary(fresh.evaluate(facts(action))));
        }
        // Not vacuous: one run settles, one is cut short by a throw, one by the firing limit.
        Set<String> kinds = new HashSet<>();
        expected.values().forEach(summary -> kinds.add(summary.substring(0, summary.indexOf(' '))));
        assertEquals(Set.of("settled", "RULE_FAILED", "TOO_MANY_FIRINGS"), kinds, expected.toString());

        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                SplittableRandom random = new SplittableRandom(t);
                runs.add(threads.submit(() -> {
                    for (int i = 0; i < EVALUATIONS; i++) {
                        String action = ACTIONS.get(random.nextInt(ACTIONS.size()));
                        assertEquals(expected.get(action), summary(pooled.evaluate(facts(action))), action);
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(5, TimeUnit.MINUTES); // rethrows a thread's failed assertion
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static List<Object> facts(String action) {
        return List.of(new Request(action, false), new RestrictedAction(action));
    }

    /** An evaluation as comparable text: how it ended, the rules fired in order, the verdicts standing. */
    private static String summary(Evaluation evaluation) {
        String end = evaluation.isIndeterminate()
                ? evaluation.indeterminate().cause() + " at "
                        + evaluation.indeterminate().rule()
                : "settled";
        List<String> verdicts = evaluation.verdicts().stream()
                .map(v -> v.rule().name() + ":" + v.verdict().effect() + " "
                        + v.verdict().getMessage())
                .toList();
        return end + " fired " + evaluation.firedRules() + " verdicts " + verdicts;
    }

    private static RuleSet compile(String rules) {
        String file = "package clearance.rules;\nimport io.clearance.engine.facts.*;\n\n" + rules;
        EvaluationObserver quiet = new EvaluationObserver() {
            @Override
            public void settled(String version) {}

            @Override
            public void indeterminate(String version, Indeterminate why) {}
        };
        return new RuleSetCompiler(new EvaluationLimits(Duration.ofMinutes(5), 200), quiet)
                .compile(List.of(new RuleSource("fixture.drl", file)), POLICY);
    }
}
