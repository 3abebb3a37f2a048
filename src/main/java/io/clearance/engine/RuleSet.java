package io.clearance.engine;

import io.clearance.policy.PolicyDocument;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/**
 * A compiled, validated rule set, ready to decide: immutable, and safe to share between threads (each
 * evaluation opens its own session). Swapping rule sets is swapping references to these.
 */
public final class RuleSet {

    /** A rule set whose rules keep firing past this is looping; the evaluation fails rather than hang. */
    static final int MAX_FIRINGS = 10_000;

    private final KieBase base;
    private final String version;
    private final List<RuleInfo> rules;
    private final Map<String, RuleInfo> rulesByName;
    private final PolicyParameters parameters;
    private final List<RuleSource> sources;
    private final PolicyDocument policy;
    private final List<CompileError> warnings;

    RuleSet(
            KieBase base,
            String version,
            List<RuleInfo> rules,
            PolicyParameters parameters,
            List<RuleSource> sources,
            PolicyDocument policy) {
        this(base, version, rules, parameters, sources, policy, List.of());
    }

    RuleSet(
            KieBase base,
            String version,
            List<RuleInfo> rules,
            PolicyParameters parameters,
            List<RuleSource> sources,
            PolicyDocument policy,
            List<CompileError> warnings) {
        this.base = base;
        this.version = version;
        this.rules = List.copyOf(rules);
        this.rulesByName = rules.stream().collect(Collectors.toUnmodifiableMap(RuleInfo::name, Function.identity()));
        this.parameters = parameters;
        this.sources = List.copyOf(sources);
        this.policy = policy;
        this.warnings = List.copyOf(warnings);
    }

    /** What serves but deserves an author's look, such as a rule name whose percentage its test no longer uses. */
    public List<CompileError> warnings() {
        return warnings;
    }

    /** Runs the rules over {@code facts} in a fresh session and reports what they decided. */
    public Evaluation evaluate(Collection<?> facts) {
        KieSession session = base.newKieSession();
        try {
            VerdictRecorder recorder = new VerdictRecorder(rulesByName);
            session.addEventListener((org.kie.api.event.rule.AgendaEventListener) recorder);
            session.addEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) recorder);
            for (Object fact : facts) {
                session.insert(fact);
            }
            int fired = session.fireAllRules(MAX_FIRINGS);
            if (fired >= MAX_FIRINGS) {
                throw new RuleEvaluationException(
                        "rules fired " + fired + " times without coming to rest; a rule loops");
            }
            return recorder.result();
        } finally {
            session.dispose();
        }
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
