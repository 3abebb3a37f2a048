package io.clearance.engine.facts;

import java.util.Collection;
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

    /** The evidence of each ownership finding, for a verdict that rests on all of them. */
    public static List<Map<String, Object>> findings(Collection<?> findings) {
        return findings.stream()
                .filter(OwnershipFinding.class::isInstance)
                .map(f -> ((OwnershipFinding) f).evidence())
                .toList();
    }
}
