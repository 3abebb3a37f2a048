package io.clearance.engine.facts;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the evidence maps rules attach to verdicts, keeping the order they are written in. */
public final class Evidence {

    private Evidence() {}

    /** {@code Evidence.of("party", $p.evidence(), "jurisdiction", "CN")}: alternating keys and values. */
    public static Map<String, Object> of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("evidence takes keys and values in pairs");
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            evidence.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
        }
        return evidence;
    }

    /**
     * The evidence of each ownership finding, for a verdict that rests on all of them. Drools collects in
     * no promised order, so findings are listed restriction by extension first, then look-through, each by
     * test id (stable, so the subject stays before the end customer).
     */
    public static List<Map<String, Object>> findings(Collection<?> findings) {
        return findings.stream()
                .filter(OwnershipFinding.class::isInstance)
                .map(OwnershipFinding.class::cast)
                .sorted(Comparator.comparing(OwnershipFinding::getSemantics).thenComparing(OwnershipFinding::getTest))
                .map(OwnershipFinding::evidence)
                .toList();
    }

    /** A copy of {@code evidence} with one more entry at the end. */
    public static Map<String, Object> with(Map<String, Object> evidence, String key, Object value) {
        Map<String, Object> extended = new LinkedHashMap<>(evidence);
        extended.put(key, value);
        return extended;
    }
}
