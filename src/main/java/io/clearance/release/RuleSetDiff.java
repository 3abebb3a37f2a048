package io.clearance.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.clearance.engine.RuleInfo;
import io.clearance.engine.RuleSet;
import io.clearance.engine.RuleSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What changed between two rule-set versions, as an auditor reads it: each file as a unified diff, the
 * rules added, removed and changed (by name), and the policy parameters changed (banned jurisdictions and
 * their dates, restricted actions, ownership tests with their thresholds).
 */
public record RuleSetDiff(
        String from,
        String to,
        List<FileDiff> files,
        List<String> rulesAdded,
        List<String> rulesRemoved,
        List<RuleChange> rulesChanged,
        List<ParameterChange> parameters) {

    /** One file: {@code added}, {@code removed} or {@code changed}, with its unified diff (3 lines of context). */
    public record FileDiff(String file, String status, String unifiedDiff) {}

    /** A rule kept by name whose clause, description, position or text changed. */
    public record RuleChange(String rule, List<String> changed) {}

    /**
     * One parameter that differs.
     *
     * @param kind {@code ban}, {@code restricted-action} or {@code ownership-test}
     * @param key the jurisdiction, action or test id
     */
    public record ParameterChange(String kind, String key, String change, JsonNode before, JsonNode after) {}

    public static RuleSetDiff between(RuleSet from, RuleSet to, ObjectMapper json) {
        List<FileDiff> files = new ArrayList<>();
        Map<String, String> before = contents(from);
        Map<String, String> after = contents(to);
        before.put("(written policy) " + from.policy().name(), from.policy().content());
        after.put("(written policy) " + to.policy().name(), to.policy().content());
        for (String file : new TreeSet<>(union(before.keySet(), after.keySet()))) {
            String a = before.get(file);
            String b = after.get(file);
            if (Objects.equals(a, b)) {
                continue;
            }
            String status = a == null ? "added" : b == null ? "removed" : "changed";
            files.add(new FileDiff(file, status, unified(file, a, b)));
        }

        Map<String, RuleInfo> oldRules = byName(from.rules());
        Map<String, RuleInfo> newRules = byName(to.rules());
        List<String> added =
                newRules.keySet().stream().filter(n -> !oldRules.containsKey(n)).toList();
        List<String> removed =
                oldRules.keySet().stream().filter(n -> !newRules.containsKey(n)).toList();
        List<RuleChange> changed = new ArrayList<>();
        for (RuleInfo rule : to.rules()) {
            RuleInfo old = oldRules.get(rule.name());
            if (old == null) {
                continue;
            }
            List<String> what = new ArrayList<>();
            if (!Objects.equals(old.clause(), rule.clause())) {
                what.add("clause " + old.clause() + " → " + rule.clause());
            }
            if (!Objects.equals(old.description(), rule.description())) {
                what.add("description");
            }
            if (!Objects.equals(ruleText(from, old), ruleText(to, rule))) {
                what.add("text");
            }
            if (!Objects.equals(old.file(), rule.file())) {
                what.add("file " + old.file() + " → " + rule.file());
            }
            if (!what.isEmpty()) {
                changed.add(new RuleChange(rule.name(), what));
            }
        }
        return new RuleSetDiff(
                from.version(),
                to.version(),
                files,
                added,
                removed,
                changed,
                parameters(json.valueToTree(from.parameters()), json.valueToTree(to.parameters())));
    }

    private static List<ParameterChange> parameters(JsonNode before, JsonNode after) {
        List<ParameterChange> changes = new ArrayList<>();
        compareKeyed(changes, "ban", keyed(before.path("bans"), "code"), keyed(after.path("bans"), "code"));
        compareKeyed(
                changes,
                "restricted-action",
                keyed(before.path("restrictedActions"), null),
                keyed(after.path("restrictedActions"), null));
        compareKeyed(
                changes,
                "ownership-test",
                keyed(before.path("ownershipTests"), "id"),
                keyed(after.path("ownershipTests"), "id"));
        return changes;
    }

    private static void compareKeyed(
            List<ParameterChange> changes, String kind, Map<String, JsonNode> before, Map<String, JsonNode> after) {
        for (String key : union(before.keySet(), after.keySet())) {
            JsonNode a = before.get(key);
            JsonNode b = after.get(key);
            if (a == null) {
                changes.add(new ParameterChange(kind, key, "added", null, b));
            } else if (b == null) {
                changes.add(new ParameterChange(kind, key, "removed", a, null));
            } else if (!a.equals(b)) {
                List<String> fields = new ArrayList<>();
                for (Iterator<String> names = b.fieldNames(); names.hasNext(); ) {
                    String field = names.next();
                    if (!Objects.equals(a.get(field), b.get(field))) {
                        fields.add(field + " " + text(a.get(field)) + " → " + text(b.get(field)));
                    }
                }
                changes.add(new ParameterChange(kind, key, "changed: " + String.join(", ", fields), a, b));
            }
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? "none" : node.isTextual() ? node.asText() : node.toString();
    }

    private static Map<String, JsonNode> keyed(JsonNode list, String keyField) {
        Map<String, JsonNode> keyed = new LinkedHashMap<>();
        list.forEach(item ->
                keyed.put(keyField == null ? item.asText() : item.path(keyField).asText(), item));
        return keyed;
    }

    private static String unified(String file, String a, String b) {
        List<String> original = a == null ? List.of() : a.lines().toList();
        List<String> revised = b == null ? List.of() : b.lines().toList();
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff(
                a == null ? "/dev/null" : "a/" + file,
                b == null ? "/dev/null" : "b/" + file,
                original,
                DiffUtils.diff(original, revised),
                3);
        return String.join("\n", lines) + "\n";
    }

    /** A rule's text: from its `rule` line to the next line that is `end`. */
    private static String ruleText(RuleSet rules, RuleInfo rule) {
        return rules.sources().stream()
                .filter(s -> s.name().equals(rule.file()))
                .findFirst()
                .map(s -> {
                    List<String> lines = s.content().lines().toList();
                    StringBuilder text = new StringBuilder();
                    for (int i = Math.max(0, rule.line() - 1); i < lines.size(); i++) {
                        text.append(lines.get(i).strip()).append('\n');
                        if (lines.get(i).strip().equals("end")) {
                            break;
                        }
                    }
                    return text.toString();
                })
                .orElse(null);
    }

    private static Map<String, String> contents(RuleSet rules) {
        Map<String, String> files = new LinkedHashMap<>();
        for (RuleSource source : rules.sources()) {
            files.put(source.name(), source.content());
        }
        return files;
    }

    private static Map<String, RuleInfo> byName(List<RuleInfo> rules) {
        Map<String, RuleInfo> named = new LinkedHashMap<>();
        rules.forEach(r -> named.put(r.name(), r));
        return named;
    }

    private static List<String> union(java.util.Collection<String> a, java.util.Collection<String> b) {
        List<String> all = new ArrayList<>(a);
        b.stream().filter(k -> !a.contains(k)).forEach(all::add);
        return all;
    }
}
