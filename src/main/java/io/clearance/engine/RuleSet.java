package io.clearance.engine;

import io.clearance.policy.PolicyDocument;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.kie.api.KieBase;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;

/**
 * A compiled, validated rule set, ready to decide: immutable, and safe to share between threads (each
 * evaluation has a session to itself). Swapping rule sets is swapping references to these.
 *
 * <p>Sessions come from Drools' own pool ({@link KieSessionsPool}, one per rule set): {@code dispose} hands
 * a session back, and Drools resets it (node memories, agenda, globals, fact handles, listeners) before it
 * serves the next evaluation, so an evaluation builds no session. Drools resets every session it takes back,
 * a run cut short by a failing rule or the budget included (its own pooled sessions are meant to be reused
 * so); pooled answers are compared with fresh sessions' in {@code
 * PooledSessionsTest}.
 *
 * <p>A newly compiled rule set is cold: its first runs load the rule base's generated classes on the deciding
 * thread. {@link RuleSetWarmer} runs it on representative inputs through {@link #forWarmUp()} before it serves;
 * a run over budget while no run has come to rest yet is run once more ({@link GuardedRun#onceMoreWhenCold}).
 */
public final class RuleSet {

    private static final Logger LOG = Logger.getLogger(RuleSet.class);

    private final KieBase base;
    // null: a new session for every evaluation (see freshSessions)
    private final KieSessionsPool sessions;
    private final String version;
    private final List<RuleInfo> rules;
    private final Map<String, RuleInfo> rulesByName;
    private final PolicyParameters parameters;
    private final List<RuleSource> sources;
    private final PolicyDocument policy;
    private final EvaluationLimits limits;
    private final EvaluationObserver observer;
    private final List<CompileError> warnings;
    private final Warmth warmth;
    // A warm-up view: its runs are nobody's decisions, so they are neither counted nor warned about.
    private final boolean warmingUp;

    /** How far a rule set has warmed, shared by its views (fresh sessions, warm-up). */
    private static final class Warmth {
        // Some run of the rules came to rest: the rule base's classes are loaded.
        final AtomicBoolean settled = new AtomicBoolean();
        // A warm-up was started: the next asks need not warm again.
        final AtomicBoolean claimed = new AtomicBoolean();
    }

    RuleSet(
            KieBase base,
            String version,
            List<RuleInfo> rules,
            PolicyParameters parameters,
            List<RuleSource> sources,
            PolicyDocument policy,
            EvaluationLimits limits,
            EvaluationObserver observer) {
        this(base, null, version, rules, parameters, sources, policy, limits, observer, List.of());
    }

    RuleSet(
            KieBase base,
            KieSessionsPool sessions,
            String version,
            List<RuleInfo> rules,
            PolicyParameters parameters,
            List<RuleSource> sources,
            PolicyDocument policy,
            EvaluationLimits limits,
            EvaluationObserver observer,
            List<CompileError> warnings) {
        this(
                base,
                sessions,
                version,
                rules,
                parameters,
                sources,
                policy,
                limits,
                observer,
                warnings,
                new Warmth(),
                false);
    }

    private RuleSet(
            KieBase base,
            KieSessionsPool sessions,
            String version,
            List<RuleInfo> rules,
            PolicyParameters parameters,
            List<RuleSource> sources,
            PolicyDocument policy,
            EvaluationLimits limits,
            EvaluationObserver observer,
            List<CompileError> warnings,
            Warmth warmth,
            boolean warmingUp) {
        this.base = base;
        this.sessions = sessions;
        this.version = version;
        this.rules = List.copyOf(rules);
        this.rulesByName = rules.stream().collect(Collectors.toUnmodifiableMap(RuleInfo::name, Function.identity()));
        this.parameters = parameters;
        this.sources = List.copyOf(sources);
        this.policy = policy;
        this.limits = limits;
        this.observer = observer;
        this.warnings = List.copyOf(warnings);
        this.warmth = warmth;
        this.warmingUp = warmingUp;
    }

    /** What serves but deserves an author's look, such as a rule name whose percentage its test no longer uses. */
    public List<CompileError> warnings() {
        return warnings;
    }

    /**
     * Runs the rules over {@code facts} in a fresh session and reports what they decided. Never throws for
     * a fault of the rules: a rule that throws, a run past its time budget or its number of firings gives
     * an {@linkplain Evaluation#isIndeterminate() indeterminate} evaluation naming the rule.
     */
    public Evaluation evaluate(Collection<?> facts) {
        Evaluation evaluation = GuardedRun.onceMoreWhenCold(
                !warmth.settled.get(), () -> run(facts), Evaluation::indeterminate, this::retryingCold);
        Indeterminate failed = evaluation.indeterminate();
        if (failed != null) {
            if (warmingUp) {
                LOG.debugf("rule set %s: a warm-up run was indeterminate (%s)", version, failed.detail());
            } else {
                LOG.warnf(
                        "rule set %s: decision indeterminate (%s) at rule `%s`: %s",
                        version, failed.cause().code(), failed.ruleOrUnknown(), failed.detail());
            }
            observer.indeterminate(version, failed);
            return evaluation;
        }
        warmth.settled.set(true);
        observer.settled(version);
        return evaluation;
    }

    private void retryingCold(Indeterminate overrun) {
        if (!warmingUp) {
            // Expected only of a rule set that was not warmed (the command line, a replay under a past version).
            LOG.infof(
                    "rule set %s: a cold run went past its budget and is run once more: %s", version, overrun.detail());
        }
        observer.retriedCold(version, overrun);
    }

    /** One run in a session of its own, cut short by whatever makes it indeterminate. */
    private Evaluation run(Collection<?> facts) {
        KieSession session = sessions == null ? base.newKieSession() : sessions.newKieSession();
        try {
            VerdictRecorder recorder = new VerdictRecorder(rulesByName);
            session.addEventListener((org.kie.api.event.rule.AgendaEventListener) recorder);
            session.addEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) recorder);
            GuardedRun.Start started = GuardedRun.start();
            Indeterminate failed = GuardedRun.insert(session, facts, rulesByName.keySet());
            if (failed == null) {
                failed = GuardedRun.fire(session, limits, started, rulesByName.keySet());
            }
            return failed == null
                    ? recorder.result()
                    : Evaluation.failed(recorder.result().firedRules(), failed);
        } finally {
            release(session);
        }
    }

    /**
     * The same rules, for warming them up before they serve: the same rule base and session pool (what a
     * warm-up loads and fills is what decisions then use), runs within {@linkplain EvaluationLimits#forWarmUp() the warm-up's limits}
     * rather than the decision budget, and told to nobody: no metric counts them, no fault makes readiness say degraded.
     */
    public RuleSet forWarmUp() {
        return new RuleSet(
                base,
                sessions,
                version,
                rules,
                parameters,
                sources,
                policy,
                limits.forWarmUp(),
                EvaluationObserver.NONE,
                warnings,
                warmth,
                true);
    }

    /**
     * True once for a rule set and its views: the caller that gets it warms the rule set; the others need not
     * (it was warmed before it served, or before a scenario run).
     */
    public boolean claimWarmUp() {
        return warmth.claimed.compareAndSet(false, true);
    }

    /**
     * The same rules, evaluating each time in a session of its own: what a pooled evaluation is compared with,
     * and the behaviour of rule sets made before sessions were pooled.
     */
    public RuleSet freshSessions() {
        return new RuleSet(
                base, null, version, rules, parameters, sources, policy, limits, observer, warnings, warmth, warmingUp);
    }

    /** Gives a session back: to its pool, which resets it, or to nobody when sessions are not pooled. */
    private void release(KieSession session) {
        // invariant: a pooled session carries no listener of a past evaluation (they hold its verdicts). Drools'
        // reset clears them too; removing them here keeps that true whatever a later Drools does.
        for (AgendaEventListener listener : List.copyOf(session.getAgendaEventListeners())) {
            session.removeEventListener(listener);
        }
        for (RuleRuntimeEventListener listener : List.copyOf(session.getRuleRuntimeEventListeners())) {
            session.removeEventListener(listener);
        }
        session.dispose();
    }

    /**
     * The parameter facts of one type the rule set declares (its rules with no conditions), such as a
     * reseller oversight threshold; empty when none is declared or declaring them fails.
     */
    public <T> List<T> declared(Class<T> type) {
        KieSession session = base.newKieSession();
        try {
            if (GuardedRun.fire(session, limits, GuardedRun.start(), rulesByName.keySet()) != null) {
                return List.of();
            }
            return session.getObjects(type::isInstance).stream().map(type::cast).toList();
        } finally {
            session.dispose();
        }
    }

    /** The clause the named rule cites; null for an unknown rule. */
    public String clauseOf(String rule) {
        RuleInfo info = rule == null ? null : rulesByName.get(rule);
        return info == null ? null : info.clause();
    }

    /** Content hash of the rule files and the written policy: names exactly what decided. */
    public String version() {
        return version;
    }

    public List<RuleInfo> rules() {
        return rules;
    }

    public PolicyParameters parameters() {
        return parameters;
    }

    public List<RuleSource> sources() {
        return sources;
    }

    /** The written policy this rule set was compiled against. */
    public PolicyDocument policy() {
        return policy;
    }
}
