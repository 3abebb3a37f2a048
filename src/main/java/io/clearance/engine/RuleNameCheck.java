package io.clearance.engine;

import io.clearance.engine.facts.OwnershipMeasure;
import io.clearance.ownership.Comparison;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Keeps rule names honest: a rule named "... more than 50% ..." that tests 40% is a lie in every decision
 * it explains. For each rule that names a percentage and refers to ownership tests (by {@code test == "id"}
 * in its conditions, or by declaring one), the named number must be one of those tests' thresholds and the
 * words around it must say the test's comparison ("more than N%" for {@code above}, "N% or more" or "at
 * least N%" for {@code atLeast}). A mismatch is a warning: the rule set still serves, and validate and
 * {@code GET /v1/policy} show the warning with the rule's position.
 */
final class RuleNameCheck {

    private static final Pattern NAMED_SHARE =
            Pattern.compile("(more than |at least )?(\\d+(?:\\.\\d+)?)%( or more)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern TEST_USE =
            Pattern.compile("test\\s*==\\s*\"([^\"]+)\"|(?:restrictedByExtension|lookThrough)\\(\\s*\"([^\"]+)\"");

    private RuleNameCheck() {}

    static List<CompileError> check(
            List<RuleHeaders.Header> headers, List<RuleSource> sources, PolicyParameters parameters) {
        Map<String, OwnershipMeasure> tests = parameters.ownershipTests().stream()
                .collect(Collectors.toMap(OwnershipMeasure::getId, Function.identity(), (a, b) -> a));
        Map<String, RuleSource> files =
                sources.stream().collect(Collectors.toMap(RuleSource::name, Function.identity(), (a, b) -> a));
        List<CompileError> warnings = new ArrayList<>();
        for (RuleHeaders.Header rule : headers) {
            Matcher named = NAMED_SHARE.matcher(rule.name());
            if (!named.find()) {
                continue;
            }
            Set<OwnershipMeasure> used = new LinkedHashSet<>();
            Matcher use = TEST_USE.matcher(text(files.get(rule.file()), rule.line()));
            while (use.find()) {
                OwnershipMeasure test = tests.get(use.group(1) != null ? use.group(1) : use.group(2));
                if (test != null) {
                    used.add(test);
                }
            }
            if (used.isEmpty()) {
                continue;
            }
            named.reset();
            while (named.find()) {
                BigDecimal number = new BigDecimal(named.group(2));
                Comparison said =
                        named.group(1) != null && named.group(1).toLowerCase().startsWith("more")
                                ? Comparison.GREATER_THAN
                                : named.group(1) != null || named.group(3) != null ? Comparison.AT_LEAST : null;
                boolean matches = used.stream()
                        .anyMatch(t ->
                                t.getThreshold().compareTo(number) == 0 && (said == null || said == t.getComparison()));
                if (!matches) {
                    warnings.add(new CompileError(
                            rule.file(),
                            rule.line(),
                            1,
                            "rule `" + rule.name() + "` names " + named.group().strip() + " but tests "
                                    + used.stream()
                                            .map(t -> "`" + t.getId() + "` "
                                                    + t.getComparison().words() + " "
                                                    + t.getThreshold()
                                                            .stripTrailingZeros()
                                                            .toPlainString() + "%")
                                            .collect(Collectors.joining(", "))
                                    + "; rename the rule or fix the test"));
                }
            }
        }
        return warnings;
    }

    /** The rule's text from its `rule` line to its `end` line. */
    private static String text(RuleSource source, int line) {
        if (source == null) {
            return "";
        }
        List<String> lines = source.content().lines().toList();
        StringBuilder text = new StringBuilder();
        for (int i = Math.max(0, line - 1); i < lines.size(); i++) {
            text.append(lines.get(i)).append('\n');
            if (lines.get(i).strip().equals("end")) {
                break;
            }
        }
        return text.toString();
    }
}
