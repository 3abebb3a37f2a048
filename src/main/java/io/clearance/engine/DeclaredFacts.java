package io.clearance.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;

/**
 * The facts the parameter rules insert, in the order the rules are declared (file by file, line by line) and,
 * within one rule, in the order its body inserts them. A session lists its facts ({@code getObjects()}) in no
 * fixed order, and the agenda fires rules of equal salience in an order of its own: read from either, the
 * policy's parameters (restricted actions, bans, ownership tests) would change order from one compile to the
 * next, and with them {@code GET /v1/policy} and the diff between two rule sets.
 */
final class DeclaredFacts extends DefaultRuleRuntimeEventListener {

    private final Map<String, Integer> positions = new HashMap<>();
    private final List<Inserted> inserted = new ArrayList<>();

    DeclaredFacts(List<RuleHeaders.Header> headers) {
        for (RuleHeaders.Header header : headers) {
            positions.putIfAbsent(header.name(), positions.size());
        }
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        inserted.add(new Inserted(position(event.getRule()), inserted.size(), event.getObject()));
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        Object fact = event.getOldObject();
        inserted.removeIf(candidate -> candidate.fact() == fact);
    }

    /** Every fact still in the session, by the position of the rule that inserted it, then by insertion. */
    List<Object> facts() {
        return inserted.stream()
                .sorted(Comparator.comparingInt(Inserted::rule).thenComparingInt(Inserted::order))
                .map(Inserted::fact)
                .toList();
    }

    // A fact inserted outside any rule (none are, in an empty session) goes after every rule's.
    private int position(Rule rule) {
        return rule == null ? Integer.MAX_VALUE : positions.getOrDefault(rule.getName(), Integer.MAX_VALUE);
    }

    private record Inserted(int rule, int order, Object fact) {}
}
