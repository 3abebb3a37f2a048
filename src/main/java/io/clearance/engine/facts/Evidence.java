package io.clearance.engine.facts;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.clearance.ownership.evidence.FindingEvidence;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The evidence a verdict or advice carries, in one of three shapes: what the rule wrote ({@link Written},
 * keys the rule's author chose), an ownership finding's evidence ({@link OfFinding}, typed records of the
 * {@code ownership.evidence} package), or Clearance's own account of rules that could not decide ({@link
 * Indeterminate}). Rules build it with the static methods here, which keep the order entries are written
 * in: {@code Evidence.of("party", $subject.evidence(), "jurisdiction", "CN")}.
 */
public sealed interface Evidence permits Evidence.Written, Evidence.OfFinding, Evidence.Indeterminate {

    /** No evidence: {@code {}}. */
    static Evidence none() {
        return Written.EMPTY;
    }

    /** {@code Evidence.of("party", $p.evidence(), "jurisdiction", "CN")}: alternating keys and values. */
    static Evidence of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("evidence takes keys and values in pairs");
        }
        Map<String, Object> entries = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            entries.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
        }
        return new Written(entries);
    }

    /**
     * The evidence of each ownership finding, for a verdict that rests on all of them. Drools collects in
     * no promised order, so findings are listed restriction by extension first, then look-through, each by
     * test id (stable, so the subject stays before the end customer).
     */
    static List<Evidence> findings(Collection<?> findings) {
        return findings.stream()
                .filter(OwnershipFinding.class::isInstance)
                .map(OwnershipFinding.class::cast)
                .sorted(Comparator.comparing(OwnershipFinding::getSemantics).thenComparing(OwnershipFinding::getTest))
                .map(OwnershipFinding::evidence)
                .toList();
    }

    /**
     * A copy of {@code evidence} with one more entry at the end; a key it already has keeps its place and
     * takes the new value.
     */
    static Evidence with(Evidence evidence, String key, Object value) {
        Evidence base = evidence == null ? none() : evidence;
        if (base instanceof OfFinding finding) {
            return new OfFinding(finding.finding(), extended(finding.more(), key, value));
        }
        if (base instanceof Indeterminate indeterminate) {
            return new Written(extended(Map.of("indeterminate", indeterminate.indeterminate()), key, value));
        }
        return new Written(extended(((Written) base).entries(), key, value));
    }

    private static Map<String, Object> extended(Map<String, Object> entries, String key, Object value) {
        Map<String, Object> extended = new LinkedHashMap<>(entries);
        extended.put(key, value);
        return extended;
    }

    /**
     * Evidence a rule wrote: its author chooses the keys, and the values are whatever the rule gives (party
     * evidence, a finding's evidence, codes, numbers), so this one stays a map, in the order written.
     */
    record Written(Map<String, Object> entries) implements Evidence {

        static final Written EMPTY = new Written(Map.of());

        public Written {
            entries = Collections.unmodifiableMap(entries);
        }

        @JsonValue
        public Map<String, Object> entries() {
            return entries;
        }
    }

    /**
     * An ownership finding's evidence, and what a rule appended to it with {@link #with} (an empty map when
     * nothing): written as one JSON object, the finding's fields first.
     */
    @JsonSerialize(using = OfFindingSerializer.class)
    record OfFinding(FindingEvidence finding, Map<String, Object> more) implements Evidence {

        public OfFinding {
            Objects.requireNonNull(finding, "finding");
            more = Collections.unmodifiableMap(more);
        }

        public OfFinding(FindingEvidence finding) {
            this(finding, Map.of());
        }
    }

    /**
     * Why the rules could not decide, under {@code indeterminate}: the rule, the cause's code and the detail.
     */
    record Indeterminate(Detail indeterminate) implements Evidence {

        public record Detail(String rule, String cause, String detail) {}
    }
}
