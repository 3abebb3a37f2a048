package io.clearance.engine;

import io.clearance.engine.facts.Advice;
import io.clearance.engine.facts.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;

/**
 * Listens to one session and records which rule inserted each verdict, so that rule bodies stay free of
 * bookkeeping: they insert a {@link Verdict} or an {@link Advice}, and the explanation learns its rule and
 * clause from here.
 * One recorder per session; not thread-safe.
 */
final class VerdictRecorder extends DefaultAgendaEventListener implements RuleRuntimeEventListener {

    private final Map<String, RuleInfo> rules;
    private final Map<Verdict, RuleInfo> verdicts = new LinkedHashMap<>();
    private final Map<Advice, RuleInfo> advice = new LinkedHashMap<>();
    private final List<String> fired = new ArrayList<>();

    VerdictRecorder(Map<String, RuleInfo> rules) {
        this.rules = rules;
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (event.getObject() instanceof Verdict verdict && event.getRule() != null) {
            verdicts.put(verdict, rules.get(event.getRule().getName()));
        } else if (event.getObject() instanceof Advice given && event.getRule() != null) {
            advice.put(given, rules.get(event.getRule().getName()));
        }
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {}

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        // A rule may withdraw a verdict (an exemption retracting a denial); what is withdrawn did not decide.
        if (event.getOldObject() instanceof Verdict verdict) {
            verdicts.remove(verdict);
        } else if (event.getOldObject() instanceof Advice withdrawn) {
            advice.remove(withdrawn);
        }
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        fired.add(event.getMatch().getRule().getName());
    }

    Evaluation result() {
        List<FiredVerdict> standing = new ArrayList<>();
        verdicts.forEach((verdict, rule) -> standing.add(new FiredVerdict(rule, verdict)));
        List<FiredAdvice> advised = new ArrayList<>();
        advice.forEach((given, rule) -> advised.add(new FiredAdvice(rule, given)));
        return new Evaluation(List.copyOf(standing), List.copyOf(fired), List.copyOf(advised));
    }
}
