package io.clearance.engine;

import io.clearance.policy.PolicyDocument;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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
            if (failed != null) {
                LOG.warnf(
                        "rule set %s: decision indeterminate (%s) at rule `%s`: %s",
                        version, failed.cause().code(), failed.ruleOrUnknown(), failed.detail());
                observer.indeterminate(version, failed);
                return Evaluation.failed(recorder.result().firedRules(), failed);
            }
            observer.settled(version);
            return recorder.result();
        } finally {
            release(session);
        }
    }

    /**
     * The same rules, evaluating each time in a session of its own: what a pooled evaluation is compared with,
     * and the behaviour of rule sets made before sessions were pooled.
     */
    public RuleSet freshSessions() {
        return new RuleSet(base, null, version, rules, parameters, sources, policy, limits, observer, warnings);
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
